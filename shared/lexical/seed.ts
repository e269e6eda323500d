// How the content of a brand-new document is made: one empty paragraph, written by a headless editor through the
// same binding as the browser. The server seeds with the stored result (seed-update.ts); tests check both agree.
import { $createParagraphNode, $getRoot } from 'lexical';
import * as Y from 'yjs';
import { bindHeadlessEditor } from './headless-binding';
import { SEED_CLIENT_ID } from './seed-update';

/** The seed, written afresh by a headless editor (what seedUpdate() holds as bytes). */
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
