// Reads a Yjs document (in @lexical/yjs's layout) into Lexical. Works on a private copy of the state, so the caller's
// doc, possibly a live room, never gets a binding attached (its caches would outlive it) and is never written to
// (loading can normalize, e.g. merge adjacent equal text, which a binding writes back).
import type { LexicalEditor, SerializedEditorState } from 'lexical';
import * as Y from 'yjs';
import { ConversionError } from './conversion-error';
import { bindHeadlessEditor } from './headless-binding';

/** The Lexical editor state of `doc`. An empty doc gives a root with no children. */
export function editorStateFromYDoc(doc: Y.Doc): SerializedEditorState {
  return editorFromYDoc(doc).getEditorState().toJSON();
}

/**
 * A detached headless editor holding `doc`'s content, for several exports from one read (pass it to
 * editorStateToMarkdown/Html/Text instead of JSON and the document is not parsed again).
 */
export function editorFromYDoc(doc: Y.Doc): LexicalEditor {
  return editorFromYjsUpdate(Y.encodeStateAsUpdate(doc));
}

/** The Lexical editor state held by a full Yjs update (a stored snapshot, an upload). */
export function editorStateFromYjsUpdate(update: Uint8Array): SerializedEditorState {
  return editorFromYjsUpdate(update).getEditorState().toJSON();
}

export interface YjsReadOptions {
  /**
   * Refuse bytes that depend on state they do not contain (Yjs would park those parts and show the rest). For
   * uploads: an incremental update is almost certainly a mistake. Off for a live doc's own state, which can hold
   * parked updates that arrived out of order.
   */
  requireComplete?: boolean;
}

/**
 * `editorFromYDoc` for a full Yjs update. Throws `ConversionError` when the bytes are not a Yjs update or do not hold
 * a Tandem document (or, with `requireComplete`, are only part of one).
 */
export function editorFromYjsUpdate(update: Uint8Array, options: YjsReadOptions = {}): LexicalEditor {
  const scratch = new Y.Doc();
  try {
    Y.applyUpdate(scratch, update);
  } catch (cause) {
    throw new ConversionError('the bytes are not a Yjs update', { cause });
  }
  if (options.requireComplete && (scratch.store.pendingStructs !== null || scratch.store.pendingDs !== null)) {
    throw new ConversionError('the Yjs update is incomplete: it depends on state it does not contain');
  }
  let binding;
  try {
    binding = bindHeadlessEditor(scratch);
  } catch (cause) {
    throw new ConversionError('the Yjs update does not hold a Tandem document', { cause });
  }
  binding.destroy();
  return binding.editor;
}
