// Markdown (Tandem's dialect, see markdown-transformers.ts) → Lexical JSON, without touching any Yjs document.
import { $convertFromMarkdownString } from '@lexical/markdown';
import { $createParagraphNode, $getRoot, type SerializedEditorState } from 'lexical';
import { createConversionEditor, updateOrRollBack } from './conversion-editor';
import { markdownTransformers } from './markdown-transformers';

/** Any string is Markdown; an empty one gives one empty paragraph (a document the editor can type into). */
export function markdownToEditorState(markdown: string): SerializedEditorState {
  const editor = createConversionEditor();
  updateOrRollBack(editor, () => $importMarkdown(markdown));
  return editor.getEditorState().toJSON();
}

/** Replaces the root's children with the parsed Markdown. Must run inside `editor.update`. */
export function $importMarkdown(markdown: string): void {
  $convertFromMarkdownString(markdown, [...markdownTransformers]);
  const root = $getRoot();
  if (root.isEmpty()) root.append($createParagraphNode());
}
