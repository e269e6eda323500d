// Loads the automerge-paper editing trace and replays it into a Y.Text, giving the cold-load document.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import * as Y from 'yjs';
import { benchTextName } from './client/client-protocol';

type Patch = [position: number, deleteCount: number, insertText: string];

interface EditingTrace {
  startContent: string;
  endContent: string;
  txns: { patches: Patch[] }[];
}

export interface TraceDocument {
  /** Y.encodeStateAsUpdate of the replayed document. */
  update: Uint8Array;
  endContent: string;
  edits: number;
  replayMs: number;
}

export function buildTraceDocument(tracePath: string): TraceDocument {
  const trace = JSON.parse(gunzipSync(readFileSync(tracePath)).toString('utf8')) as EditingTrace;
  const startMs = performance.now();
  const ydoc = new Y.Doc();
  const text = ydoc.getText(benchTextName);
  text.insert(0, trace.startContent);
  let edits = 0;
  // One Yjs transaction per trace transaction, as an editor would emit them.
  for (const txn of trace.txns) {
    ydoc.transact(() => {
      for (const [position, deleteCount, insertText] of txn.patches) {
        if (deleteCount > 0) text.delete(position, deleteCount);
        if (insertText.length > 0) text.insert(position, insertText);
        edits++;
      }
    });
  }
  const replayMs = performance.now() - startMs;
  if (text.toString() !== trace.endContent) throw new Error('replaying the editing trace did not give endContent');
  const update = Y.encodeStateAsUpdate(ydoc);
  ydoc.destroy();
  return { update, endContent: trace.endContent, edits, replayMs };
}
