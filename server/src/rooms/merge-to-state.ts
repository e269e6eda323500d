// One update holding a whole update log: what a compaction stores in place of the log.
import * as Y from 'yjs';

/** Applies updates to a scratch document and encodes its state: deleted content is garbage-collected. */
export function mergeToState(updates: readonly Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  Y.transact(doc, () => {
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}
