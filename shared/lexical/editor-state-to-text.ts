// Lexical JSON (or an editor holding a document) → plain text, as Lexical itself reads a document: blocks (and list
// items) separated by a blank line, line breaks inside a block kept.
import { $getRoot } from 'lexical';
import { conversionEditorFor, type DocumentContent } from './conversion-editor';

/** Throws `ConversionError` when `content` is JSON that is not a Tandem editor state. */
export function editorStateToText(content: DocumentContent): string {
  return conversionEditorFor(content).read(() => $getRoot().getTextContent());
}
