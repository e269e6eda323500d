// Lexical JSON → plain text, as Lexical itself reads a document: blocks separated by a blank line.
import { $getRoot, type SerializedEditorState } from 'lexical';
import { createConversionEditor } from './conversion-editor';

/** Throws `ConversionError` when `state` is not a Tandem editor state. */
export function editorStateToText(state: SerializedEditorState): string {
  return createConversionEditor(state).read(() => $getRoot().getTextContent());
}
