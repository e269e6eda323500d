// Paragraph alignment: left, centre, right or justified, set on the blocks under the selection (paragraphs,
// headings, quotes, list items) and shown as the toolbar's pressed alignment button. Lexical keeps it as the
// block's element format, which the Yjs binding shares with everyone and the HTML export writes as text-align.
import { $findMatchingParent } from '@lexical/utils';
import { $isElementNode, FORMAT_ELEMENT_COMMAND, type LexicalEditor, type LexicalNode } from 'lexical';

export type Alignment = 'left' | 'center' | 'right' | 'justify';

export const alignments: readonly Alignment[] = ['left', 'center', 'right', 'justify'];

/** Aligns the blocks under the selection; aligning already-aligned text the same way again changes nothing. */
export function align(editor: LexicalEditor, alignment: Alignment): void {
  // Left is the default: stored as no format at all, so documents that never used alignment stay as they were.
  editor.dispatchCommand(FORMAT_ELEMENT_COMMAND, alignment === 'left' ? '' : alignment);
}

/** The alignment of the block around `node`, as the toolbar shows it. */
export function $alignmentOf(node: LexicalNode): Alignment {
  const block = $isElementNode(node) && !node.isInline() ? node : $findMatchingParent(node, (candidate) => $isElementNode(candidate) && !candidate.isInline());
  if (!$isElementNode(block)) return 'left';
  const format = block.getFormatType();
  return format === 'center' || format === 'right' || format === 'justify' ? format : 'left';
}
