// This browser's copy of a document in IndexedDB (y-indexeddb on the same Y.Doc): edits made offline survive a
// reload and sync when the server is back. Started on demand, because the editor must already be bound to the doc
// when the stored content is loaded into it.
// Updates go to IndexedDB in batches (store-in-batches.ts), written at once as the page is hidden or left. IndexedDB
// writes finish a moment later, and leaving the page cancels the unfinished ones: a reload right after typing offline
// lost the last letters. So the changes of the last few seconds are also written to localStorage, synchronously, as
// the page goes away, and applied again when the copy is next loaded (last-moment-copy.ts).
import { clearDocument, IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';
import { createLastMomentCopy } from './last-moment-copy';
import { storeInBatches, type StoreBatches } from './store-in-batches';

export interface LocalCopy {
  /** Resolves once the stored copy has been loaded into the doc (after `start`). */
  readonly whenRestored: Promise<void>;
  start(): void;
  /**
   * Forgets the stored copy (the document was deleted on the server, or the person discards what it holds). Resolves
   * once it is gone; this page stores nothing more of the document afterwards.
   */
  clear(): Promise<void>;
  destroy(): void;
}

/** `serverOrigin`: the origin of the updates the server sent (the provider), which need not reach IndexedDB at once. */
export function createLocalCopy(doc: Y.Doc, databaseName: string, storage: Storage, serverOrigin: unknown): LocalCopy {
  let persistence: IndexeddbPersistence | null = null;
  let batches: StoreBatches | null = null;
  let isDestroyed = false;
  // What IndexedDB loaded is stored already; everything else may still be on its way there.
  const lastMoment = createLastMomentCopy(doc, storage, `${databaseName}:last-moment`, (origin) => persistence !== null && origin === persistence);
  let settle: { resolve: () => void; reject: (error: unknown) => void } | undefined;
  const whenRestored = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject };
  });
  return {
    whenRestored,
    start() {
      if (persistence !== null || isDestroyed) return;
      try {
        persistence = new IndexeddbPersistence(databaseName, doc);
      } catch (error) {
        // No IndexedDB at all (some private modes): editing still works, only without the offline copy.
        settle?.reject(error);
        return;
      }
      // Only what the last-moment copy or the server keeps meanwhile may wait for its batch.
      batches = storeInBatches(doc, persistence, (origin, transaction) => transaction.local || origin === serverOrigin);
      persistence.whenSynced.then(
        () => {
          lastMoment.restore();
          settle?.resolve();
        },
        (error: unknown) => settle?.reject(error),
      );
    },
    clear() {
      lastMoment.forget();
      batches?.stop();
      // Also stops storing: clearData destroys the persistence before it deletes the database.
      return persistence === null ? clearDocument(databaseName) : persistence.clearData();
    },
    destroy() {
      isDestroyed = true;
      lastMoment.destroy();
      // The last batch's transaction is opened before the database is closed, and closing lets it finish.
      batches?.flush();
      batches?.stop();
      void persistence?.destroy();
    },
  };
}
