// This browser's copy of a document in IndexedDB (y-indexeddb on the same Y.Doc): edits made offline survive a
// reload and sync when the server is back. Started on demand, because the editor must already be bound to the doc
// when the stored content is loaded into it.
import { clearDocument, IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';

export interface LocalCopy {
  /** Resolves once the stored copy has been loaded into the doc (after `start`). */
  readonly whenRestored: Promise<void>;
  start(): void;
  /** Forgets the stored copy (the document was deleted on the server). */
  clear(): void;
  destroy(): void;
}

export function createLocalCopy(doc: Y.Doc, databaseName: string): LocalCopy {
  let persistence: IndexeddbPersistence | null = null;
  let isDestroyed = false;
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
      persistence.whenSynced.then(() => settle?.resolve(), (error: unknown) => settle?.reject(error));
    },
    clear() {
      const cleared = persistence === null ? clearDocument(databaseName) : persistence.clearData();
      cleared.catch((error: unknown) => console.warn('tandem: could not clear the local copy', error));
    },
    destroy() {
      isDestroyed = true;
      void persistence?.destroy();
    },
  };
}
