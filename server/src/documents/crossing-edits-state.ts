// The state a crossing-edits version holds (see edits-crossing-replacement.ts): the replaced content with the edits
// that reached the room after the replacement applied to it. Yjs only; it runs on the conversion thread, since
// applying a large document's state takes the event loop hundreds of milliseconds.
import * as Y from 'yjs';

/**
 * `replaced` with `edits` applied in order, or null when none of them integrated there (every one was made against
 * the new content, so the copy holds it back as pending and changes nothing a reader would see). The state returned
 * keeps what Yjs holds back, as any encoded state does. Throws when `replaced` itself does not apply.
 */
export function stateWithCrossingEdits(replaced: Uint8Array, edits: readonly Uint8Array[]): Uint8Array | null {
  const copy = new Y.Doc();
  try {
    Y.applyUpdate(copy, replaced);
    const before = Y.encodeStateVector(copy);
    for (const edit of edits) {
      try {
        Y.applyUpdate(copy, edit);
      } catch {
        // The live document took it, so this is an edit the copy cannot read the same way: it keeps nothing of it.
      }
    }
    // State vectors only grow, so an unchanged one means that nothing integrated.
    return equalBytes(Y.encodeStateVector(copy), before) ? null : Y.encodeStateAsUpdate(copy);
  } finally {
    copy.destroy();
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);
}
