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
  $convertFromMarkdownString(withEmptyQuoteLines(markdown), [...markdownTransformers]);
  const root = $getRoot();
  if (root.isEmpty()) root.append($createParagraphNode());
}

/** A line that is only `>`: a blank line inside a quote, which Lexical's quote (it wants `> `) took as the text ">". */
const BARE_QUOTE_MARKER = /^(\s{0,3})>\s*$/;
const FENCE = /^\s{0,3}(`{3,}|~{3,})/;

/** `markdown` with each bare `>` line written `> `, so it reads as an empty line of its quote; code left alone. */
function withEmptyQuoteLines(markdown: string): string {
  if (!markdown.includes('>')) return markdown;
  let fence: string | null = null;
  return markdown
    .split('\n')
    .map((line) => {
      const opening = FENCE.exec(line)?.[1];
      if (opening !== undefined && (fence === null || opening.startsWith(fence))) {
        fence = fence === null ? opening : null;
        return line;
      }
      return fence === null ? line.replace(BARE_QUOTE_MARKER, '$1> ') : line;
    })
    .join('\n');
}

