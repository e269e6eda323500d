// Remembers, per document and across page loads, which Yjs client ids of this browser made edits the server has
// not confirmed yet. A reload starts a new client id, so without this the edits of the previous page (restored
// from IndexedDB) would look like someone else's and the save status would call them saved before they are.
// While someone types, every letter is added and confirmed a moment later: storage is written at once only when it
// would otherwise miss an id (an edit must never be stored without its id), and emptied once the edits have stayed
// confirmed for a while, or as the page goes away. Two localStorage writes per letter were a tenth of a keystroke's
// script. A page killed within that while leaves an id whose edits are saved: the next page confirms them with one
// round trip to the server, showing them as not yet saved until then.
import { readJson, writeJson } from '../json-storage';
import { whenPageGoes } from './when-page-goes';

export interface UnsavedLedger {
  read(): number[];
  add(clientId: number): void;
  /** Every id's edits are confirmed (or discarded). Storage follows within SHRINK_DELAY_MS, or on `flush`. */
  clear(): void;
  /** Writes what is pending to storage now. */
  flush(): void;
  destroy(): void;
}

/** How long the edits stay confirmed before storage forgets their ids. */
export const SHRINK_DELAY_MS = 1_000;

export function createUnsavedLedger(storage: Storage, docName: string): UnsavedLedger {
  const key = `tandem:unsaved:${docName}`;
  let ids = parseIds(readJson(storage, key));
  /** What storage holds: always every id in `ids`, perhaps more until the pending write. */
  let stored = ids;
  let shrinkTimer: ReturnType<typeof setTimeout> | null = null;

  const write = () => {
    if (shrinkTimer !== null) clearTimeout(shrinkTimer);
    shrinkTimer = null;
    if (stored.length === ids.length && ids.every((id) => stored.includes(id))) return;
    // A refused write keeps `stored` as it was: the next change tries again.
    if (writeJson(storage, key, ids)) stored = ids;
  };
  const stopWhenPageGoes = whenPageGoes(write);

  return {
    read: () => [...ids],
    add(clientId) {
      if (ids.includes(clientId)) return;
      ids = [...ids, clientId];
      if (!stored.includes(clientId)) write();
    },
    clear() {
      if (ids.length === 0 && stored.length === 0) return;
      ids = [];
      if (shrinkTimer !== null) clearTimeout(shrinkTimer);
      shrinkTimer = setTimeout(write, SHRINK_DELAY_MS);
    },
    flush: write,
    destroy() {
      write();
      stopWhenPageGoes();
    },
  };
}

function parseIds(value: unknown): number[] {
  return Array.isArray(value) ? value.filter((id): id is number => Number.isSafeInteger(id)) : [];
}
