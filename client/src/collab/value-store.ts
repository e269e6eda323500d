// A value that changes over time and tells subscribers, shaped for React's useSyncExternalStore.
export interface ValueStore<T> {
  get(): T;
  subscribe(listener: () => void): () => void;
}

export interface WritableValueStore<T> extends ValueStore<T> {
  /** Replaces the value; listeners run only when it actually changed (shallow compare of object fields). */
  set(next: T): void;
}

export function createValueStore<T>(initial: T): WritableValueStore<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      if (shallowEqual(value, next)) return;
      value = next;
      for (const listener of Array.from(listeners)) listener();
    },
  };
}

function shallowEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every((key) => Object.is((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}
