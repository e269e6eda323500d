// Reads a Yjs document (in @lexical/yjs's layout) as Lexical JSON. Works on a private copy of the state, so the
// caller's doc, possibly a live room, never gets a binding's caches attached to its shared types.
import type { SerializedEditorState } from 'lexical';
import * as Y from 'yjs';
import { ConversionError } from './conversion-error';
import { bindHeadlessEditor } from './headless-binding';

/** The Lexical editor state of `doc`. An empty doc gives a root with no children. */
export function editorStateFromYDoc(doc: Y.Doc): SerializedEditorState {
  return editorStateFromYjsUpdate(Y.encodeStateAsUpdate(doc));
}

/**
 * The Lexical editor state held by a full Yjs update (a stored snapshot, an upload). Throws `ConversionError` when
 * the bytes are not a Yjs update or do not hold a Tandem document.
 */
export function editorStateFromYjsUpdate(update: Uint8Array): SerializedEditorState {
  const scratch = new Y.Doc();
  try {
    Y.applyUpdate(scratch, update);
  } catch (cause) {
    throw new ConversionError('the body is not a Yjs update', { cause });
  }
  // Structs whose dependencies are missing are parked, not applied: the bytes were a diff, not a whole document.
  if (scratch.store.pendingStructs !== null || scratch.store.pendingDs !== null) {
    throw new ConversionError('the Yjs update is incomplete (it depends on state it does not contain)');
  }
  let binding;
  try {
    binding = bindHeadlessEditor(scratch);
  } catch (cause) {
    throw new ConversionError('the Yjs update does not hold a Tandem document', { cause });
  }
  try {
    return binding.editor.getEditorState().toJSON();
  } finally {
    binding.destroy();
  }
}
