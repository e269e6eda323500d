// Batches y-indexeddb's writes: y-indexeddb stores every Yjs update in a transaction of its own, which was a tenth
// of the script of each keystroke in the typist's page and in every reader's. An update that is safe elsewhere
// meanwhile waits here up to STORE_BATCH_MS, then goes to y-indexeddb's store handler merged with the others, in one
// transaction: this page's own edits and what the server sent (the server has it, and local-copy.ts's last-moment
// copy keeps both as the page goes away). Anything else (the edits an earlier page kept in localStorage, a seed) is stored
// at once, as before: nothing else would keep it across a reload. A page being hidden or left writes what waits.
import type { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { whenPageGoes } from './when-page-goes';

/** How long an update may wait in memory to share its IndexedDB transaction with the ones after it. */
export const STORE_BATCH_MS = 500;

export interface StoreBatches {
  /** Writes what waits now. */
  flush(): void;
  /** Stores nothing more; what still waits is dropped. */
  stop(): void;
}

/**
 * Takes over `persistence`'s update listener on `doc`. What it loaded itself (its own origin) is never stored again;
 * `canWait` tells the updates that may wait for their batch.
 */
export function storeInBatches(
  doc: Y.Doc,
  persistence: Pick<IndexeddbPersistence, '_storeUpdate'>,
  canWait: (origin: unknown, transaction: Y.Transaction) => boolean,
): StoreBatches {
  const storeNow = persistence._storeUpdate;
  let pending: Uint8Array[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (pending.length === 0) return;
    const batch = pending.length === 1 ? pending[0]! : Y.mergeUpdates(pending);
    pending = [];
    storeNow(batch, null);
  };
  const onUpdate = (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    if (origin === persistence) return;
    pending.push(update);
    if (canWait(origin, transaction)) timer ??= setTimeout(flush, STORE_BATCH_MS);
    else flush();
  };
  doc.off('update', storeNow);
  doc.on('update', onUpdate);
  const stopWhenPageGoes = whenPageGoes(flush);
  return {
    flush,
    stop() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      pending = [];
      doc.off('update', onUpdate);
      stopWhenPageGoes();
    },
  };
}
