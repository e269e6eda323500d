// This browser's copy of a document in IndexedDB (y-indexeddb on the same Y.Doc): edits made offline survive a
// reload and sync when the server is back. Started on demand, because the editor must already be bound to the doc
// when the stored content is loaded into it.
// Updates go to IndexedDB in batches (store-in-batches.ts), written at once as the page is hidden or left. IndexedDB
// writes finish a moment later, and leaving the page cancels the unfinished ones: a reload right after typing offline
// lost the last letters. So the edits of the last few seconds are also written to localStorage, synchronously, as
// the page goes away, and applied again when the copy is next loaded.
import { clearDocument, IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { storeInBatches, type StoreBatches } from './store-in-batches';
import { whenPageGoes } from './when-page-goes';

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

/** Edits at most this old may still be on their way into IndexedDB (waiting for their batch, or being written). */
const IN_FLIGHT_MS = 3_000;

/** `serverOrigin`: the origin of the updates the server sent (the provider), which need not reach IndexedDB at once. */
export function createLocalCopy(doc: Y.Doc, databaseName: string, storage: Storage, serverOrigin: unknown): LocalCopy {
  let persistence: IndexeddbPersistence | null = null;
  let batches: StoreBatches | null = null;
  let isDestroyed = false;
  const lastMoment = createLastMomentCopy(doc, storage, `${databaseName}:last-moment`);
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

/** This page's own edits of the last IN_FLIGHT_MS, kept in `storage` under `key` when the page is hidden or left. */
function createLastMomentCopy(doc: Y.Doc, storage: Storage, key: string) {
  let recent: Array<{ at: number; update: Uint8Array }> = [];
  const dropOld = () => {
    const cutoff = performance.now() - IN_FLIGHT_MS;
    recent = recent.filter((entry) => entry.at >= cutoff);
  };
  const onUpdate = (update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    // Only edits made here: what came from the server or from IndexedDB is kept elsewhere already.
    if (!transaction.local) return;
    dropOld();
    recent.push({ at: performance.now(), update });
  };
  const save = () => {
    dropOld();
    if (recent.length === 0) return;
    try {
      storage.setItem(key, toBase64(Y.mergeUpdates(recent.map((entry) => entry.update))));
    } catch (error) {
      console.warn('tandem: could not keep the latest edits', error);
    }
  };
  doc.on('update', onUpdate);
  const stopWhenPageGoes = whenPageGoes(save);
  return {
    /** Applies what the previous page kept (a no-op for edits IndexedDB did store), then forgets it. */
    restore() {
      const kept = storage.getItem(key);
      if (kept === null) return;
      storage.removeItem(key);
      try {
        Y.applyUpdate(doc, fromBase64(kept), key);
      } catch (error) {
        console.warn('tandem: the latest edits kept by the previous page could not be read', error);
      }
    },
    forget() {
      recent = [];
      storage.removeItem(key);
    },
    destroy() {
      doc.off('update', onUpdate);
      stopWhenPageGoes();
    },
  };
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}
