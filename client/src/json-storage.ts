// Reads and writes JSON values in localStorage without ever throwing: a full or disabled storage (private windows,
// quota) must not break editing, it only means the browser forgets names and recent documents.
export function readJson(storage: Storage, key: string): unknown {
  let text: string | null;
  try {
    text = storage.getItem(key);
  } catch (error) {
    console.warn(`tandem: cannot read ${key} from localStorage`, error);
    return undefined;
  }
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Written by something else or truncated: treat as absent, the next write replaces it.
    return undefined;
  }
}

/** Returns false when the browser refused the write. */
export function writeJson(storage: Storage, key: string, value: unknown): boolean {
  try {
    storage.setItem(key, JSON.stringify(value));
    return true;
  } catch (error) {
    console.warn(`tandem: cannot write ${key} to localStorage`, error);
    return false;
  }
}
