// Plain text that reads as Markdown (a `.md` file opened in a text editor, a README copied from a terminal, the file
// "Download my copy" saves) is pasted as what it describes: headings, lists, quotes, code blocks, bold, links, read
// in the same dialect as the server's Markdown import. Before, it came in as typed, `## ` and `**` and all, and each
// blank line between its paragraphs became an empty paragraph. Text with nothing of Markdown in it is left to the
// usual plain-text paste (a line per paragraph), and so is everything pasted into a code block.
import { $generateNodesFromSerializedNodes, $insertGeneratedNodes } from '@lexical/clipboard';
import { $isCodeNode } from '@lexical/code';
import { $findMatchingParent } from '@lexical/utils';
import { $createParagraphNode, type LexicalEditor, type RangeSelection } from 'lexical';
import { markdownToEditorState } from '../../../shared/lexical/markdown-to-editor-state';

/**
 * A line that opens a Markdown block: a heading (`# `), a bullet (`- `, `* `, `+ `), a numbered item (`1. `, `1) `),
 * a quote (`> `) or a code fence. Up to three spaces before it, as in CommonMark.
 */
const BLOCK_LINE = /^ {0,3}(?:#{1,6}[ \t]+\S|[-*+][ \t]+\S|\d{1,9}[.)][ \t]+\S|>[ \t]*\S|```|~~~)/m;

/** Inline Markdown that plain text seldom holds by chance: `**bold**`, `__bold__`, `` `code` ``, `[text](target)`. */
const INLINE = /\*\*[^*\s][^*\n]*\*\*|__[^_\s][^_\n]*__|`[^`\n]+`|\[[^\]\n]+\]\([^)\s]+\)/;

/**
 * Whether pasted plain text is Markdown to convert. Block syntax counts only in text of several lines: a single line
 * such as "- see above" pasted into a sentence stays in that sentence, as typed.
 */
export function looksLikeMarkdown(text: string): boolean {
  return INLINE.test(text) || (text.includes('\n') && BLOCK_LINE.test(text));
}

/** Whether `selection` is somewhere Markdown means nothing: a code block takes pasted text as it is. */
export function $isInCode(selection: RangeSelection): boolean {
  return [selection.anchor.getNode(), selection.focus.getNode()].some((node) => $isCodeNode(node) || $findMatchingParent(node, $isCodeNode) !== null);
}

/** Inserts `markdown`, converted, at `selection`, as a paste inserts what it converts. Must run inside `editor.update`. */
export function $insertMarkdown(editor: LexicalEditor, markdown: string, selection: RangeSelection): void {
  const { root } = markdownToEditorState(markdown.replace(/\r\n?/g, '\n'));
  $insertGeneratedNodes(editor, $generateNodesFromSerializedNodes(root.children), selection);
}

/**
 * A caret in an empty line of its own at `selection`, for content that comes as whole blocks (a dropped file), so its
 * first block is not merged into the line it is dropped on: a caret at the start of a line with text moves to a new
 * line before it, any other to a new line after it. Call inside an editor update.
 */
export function $emptyLineAt(selection: RangeSelection): RangeSelection {
  const block = selection.anchor.getNode().getTopLevelElement();
  if (block === null || block.getTextContent() === '') return selection;
  const line = $createParagraphNode();
  const { anchor } = selection;
  const isAtStart = selection.isCollapsed() && anchor.offset === 0 && (anchor.getNode().is(block) || anchor.getNode().is(block.getFirstDescendant()));
  if (isAtStart) block.insertBefore(line);
  else block.insertAfter(line);
  return line.select();
}
