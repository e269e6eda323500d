// Lexical JSON (or an editor holding a document) → Markdown in Tandem's dialect (see markdown-transformers.ts).
import { $convertToMarkdownString } from '@lexical/markdown';
import { conversionEditorFor, type DocumentContent } from './conversion-editor';
import { markdownTransformers } from './markdown-transformers';

/** Throws `ConversionError` when `content` is JSON that is not a Tandem editor state. */
export function editorStateToMarkdown(content: DocumentContent): string {
  return conversionEditorFor(content).read(() => $convertToMarkdownString([...markdownTransformers]));
}
