// Remembers, per document and across page loads, which Yjs client ids of this browser made edits the server has
// not confirmed yet. A reload starts a new client id, so without this the edits of the previous page (restored
// from IndexedDB) would look like someone else's and the save status would call them saved before they are.
import { readJson, writeJson } from '../json-storage';

export interface UnsavedLedger {
  read(): number[];
  add(clientId: number): void;
  clear(): void;
}

export function createUnsavedLedger(storage: Storage, docName: string): UnsavedLedger {
  const key = `tandem:unsaved:${docName}`;
  let ids = parseIds(readJson(storage, key));
  return {
    read: () => [...ids],
    add(clientId) {
      if (ids.includes(clientId)) return;
      ids = [...ids, clientId];
      writeJson(storage, key, ids);
    },
    clear() {
      if (ids.length === 0) return;
      ids = [];
      writeJson(storage, key, ids);
    },
  };
}

function parseIds(value: unknown): number[] {
  return Array.isArray(value) ? value.filter((id): id is number => Number.isSafeInteger(id)) : [];
}
