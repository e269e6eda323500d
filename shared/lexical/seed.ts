// The content of a brand-new document: one empty paragraph, written by a headless editor through the same binding
// as the browser. Byte-identical in every process, so two server instances seeding one document at the same moment
// insert the same Yjs items and Yjs keeps one paragraph, not two.
import { $createParagraphNode, $getRoot } from 'lexical';
import * as Y from 'yjs';
import { bindHeadlessEditor } from './headless-binding';

/**
 * The Yjs client id that writes the seed. Reserved: nothing else may write with it, or its items would collide with
 * the seed's (same id and clock, different content). Browsers pick random 32-bit ids; the server's other writers use
 * fresh random ids too.
 */
export const SEED_CLIENT_ID = 1;

/** The seed as a full Yjs update. Apply it only to a document with no content (it is idempotent, not a reset). */
export function createSeedUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = SEED_CLIENT_ID;
  const binding = bindHeadlessEditor(doc);
  try {
    binding.update(() => {
      $getRoot().append($createParagraphNode());
    }, null);
  } finally {
    binding.destroy();
  }
  // Everything in it is fixed: client id, clocks, and the paragraph's default properties (no keys, no timestamps).
  return Y.encodeStateAsUpdate(doc);
}
