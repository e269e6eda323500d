// Lexical JSON → Markdown in Tandem's dialect (see markdown-transformers.ts).
import { $convertToMarkdownString } from '@lexical/markdown';
import type { SerializedEditorState } from 'lexical';
import { createConversionEditor } from './conversion-editor';
import { markdownTransformers } from './markdown-transformers';

/** Throws `ConversionError` when `state` is not a Tandem editor state. */
export function editorStateToMarkdown(state: SerializedEditorState): string {
  return createConversionEditor(state).read(() => $convertToMarkdownString([...markdownTransformers]));
}
