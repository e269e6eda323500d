// Merges documents' update logs on a thread of its own (see state-merger.ts). Plain JavaScript because it starts as a
// worker thread, outside tsx and Vite; it speaks workers/worker-protocol.ts by hand. Messages in:
// { id, job: Uint8Array[] }. Posts { id, result } (the merged state, its buffer transferred) or { id, error: { message } }
// when the updates do not apply.
import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';

parentPort.on('message', ({ id, job: updates }) => {
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
    parentPort.postMessage({ id, error: { message: error instanceof Error ? error.message : String(error) } });
    return;
  }
  parentPort.postMessage({ id, result: state }, [state.buffer]);
});
