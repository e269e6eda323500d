// Reads a Yjs document (in @lexical/yjs's layout) into a detached headless Lexical editor. Never writes to the doc
// and never leaves anything attached to it, so a live room's doc can be read in place. The fast path reads the layout
// directly (read-yjs-layout.ts); a doc it does not understand is loaded by @lexical/yjs itself, on a private copy
// (a binding's caches would outlive it on the caller's doc, and loading can write, e.g. to merge text).
import type { LexicalEditor, SerializedEditorState } from 'lexical';
import * as Y from 'yjs';
import { createConversionEditor, updateOrRollBack } from './conversion-editor';
import { ConversionError } from './conversion-error';
import { bindHeadlessEditor } from './headless-binding';
import { LEXICAL_ROOT_KEY } from './nodes';
import { $readYjsLayout, UnknownLayout } from './read-yjs-layout';

/** The Lexical editor state of `doc`. An empty doc gives a root with no children. */
export function editorStateFromYDoc(doc: Y.Doc): SerializedEditorState {
  return editorFromYDoc(doc).getEditorState().toJSON();
}

/** The Lexical editor state held by a full Yjs update (a stored version, an upload). */
export function editorStateFromYjsUpdate(update: Uint8Array): SerializedEditorState {
  return editorFromYjsUpdate(update).getEditorState().toJSON();
}

/**
 * A detached headless editor holding `doc`'s content, for exports without a JSON round trip (pass it to
 * editorStateToMarkdown/Html/Text instead of JSON and the document is not parsed again). Throws `ConversionError`
 * when the doc does not hold a Tandem document.
 */
export function editorFromYDoc(doc: Y.Doc): LexicalEditor {
  const editor = createConversionEditor();
  try {
    const root = doc.get(LEXICAL_ROOT_KEY, Y.XmlText);
    updateOrRollBack(editor, () => $readYjsLayout(editor, root), { skipTransforms: true });
    return editor;
  } catch (error) {
    if (!(error instanceof UnknownLayout)) {
      throw new ConversionError('the Yjs document does not hold a Tandem document', { cause: error });
    }
  }
  return editorThroughBinding(Y.encodeStateAsUpdate(doc));
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
  return editorFromYDoc(docFromYjsUpdate(update, options));
}

/** A new Y.Doc holding `update`. Throws `ConversionError` like editorFromYjsUpdate. */
export function docFromYjsUpdate(update: Uint8Array, options: YjsReadOptions = {}): Y.Doc {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, update);
  } catch (cause) {
    throw new ConversionError('the bytes are not a Yjs update', { cause });
  }
  if (options.requireComplete && (doc.store.pendingStructs !== null || doc.store.pendingDs !== null)) {
    throw new ConversionError('the Yjs update is incomplete: it depends on state it does not contain');
  }
  return doc;
}

/** The reference reader: @lexical/yjs loads a private copy exactly as a browser's binding would. */
function editorThroughBinding(update: Uint8Array): LexicalEditor {
  let binding;
  try {
    binding = bindHeadlessEditor(docFromYjsUpdate(update));
  } catch (cause) {
    throw new ConversionError('the Yjs document does not hold a Tandem document', { cause });
  }
  binding.destroy();
  return binding.editor;
}
