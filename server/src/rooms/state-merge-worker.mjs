// Merges documents' update logs on a thread of its own (see state-merger.ts). Plain JavaScript because it starts as a
// worker thread, outside tsx and Vite. Messages in: { id, updates: Uint8Array[] }. Posts { id, state } (the merged
// state, its buffer transferred) or { id, error } when the updates do not apply.
import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';

parentPort.on('message', ({ id, updates }) => {
  let state;
  try {
    // As mergeToState in merge-to-state.ts: a scratch document, so deleted content is garbage-collected.
    const doc = new Y.Doc();
    Y.transact(doc, () => {
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
    return;
  }
  parentPort.postMessage({ id, state }, [state.buffer]);
});
