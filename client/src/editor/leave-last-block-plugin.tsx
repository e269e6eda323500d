// ↓ on the last line of a code block or quote that ends the document makes a new paragraph under it and goes there,
// as in Google Docs: the caret stayed inside, and only Enter on two empty lines got out of a code block (never, when
// each Enter carried a line's indent forward). The last line as drawn: no line break may follow the caret, and the
// caret must sit on the block's last line on screen (a long line wraps; imported code holds its line ends as text).
import { $isCodeNode } from '@lexical/code';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $isQuoteNode } from '@lexical/rich-text';
import { $createParagraphNode, $getSelection, $isLineBreakNode, $isRangeSelection, COMMAND_PRIORITY_LOW, KEY_ARROW_DOWN_COMMAND, type ElementNode, type LexicalNode } from 'lexical';
import { useEffect } from 'react';

export function LeaveLastBlockPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerCommand(
        KEY_ARROW_DOWN_COMMAND,
        (event) => {
          if (event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return false;
          const block = $lastBlockWithCaretOnLastLine();
          if (block === null || !isCaretOnLastDrawnLine(editor.getElementByKey(block.getKey()))) return false;
          event.preventDefault();
          const paragraph = $createParagraphNode();
          block.insertAfter(paragraph);
          paragraph.select();
          return true;
        },
        COMMAND_PRIORITY_LOW,
      ),
    [editor],
  );
  return null;
}

/** Whether the page's caret is on the last line `element` draws (true when it cannot tell: no caret box to measure). */
function isCaretOnLastDrawnLine(element: HTMLElement | null): boolean {
  const selection = window.getSelection();
  if (element === null || selection === null || selection.rangeCount === 0) return true;
  const caret = selection.getRangeAt(0).getBoundingClientRect();
  if (caret.height === 0) return true;
  const lineHeight = Number.parseFloat(getComputedStyle(element).lineHeight) || caret.height;
  const bottom = element.getBoundingClientRect().bottom - Number.parseFloat(getComputedStyle(element).paddingBottom || '0');
  return bottom - caret.bottom < lineHeight * 0.75;
}

/** The code block or quote the collapsed caret is in, when it ends the document and no line break follows the caret. */
function $lastBlockWithCaretOnLastLine(): ElementNode | null {
  const selection = $getSelection();
  if (!$isRangeSelection(selection) || !selection.isCollapsed()) return null;
  const anchor = selection.anchor.getNode();
  const block = anchor.getTopLevelElement();
  if (block === null || !($isCodeNode(block) || $isQuoteNode(block)) || block.getNextSibling() !== null) return null;
  // The caret's own node, then everything after it in the block: no line break may follow.
  let node: LexicalNode | null = selection.anchor.type === 'element' ? (anchor as ElementNode).getChildAtIndex(selection.anchor.offset) : anchor.getNextSibling();
  if (selection.anchor.type === 'text' && anchor.getParent() !== block) node = anchor.getParentOrThrow().getNextSibling();
  if (selection.anchor.type === 'text' && anchor.getTextContent().slice(selection.anchor.offset).includes('\n')) return null;
  for (; node !== null; node = node.getNextSibling()) if ($isLineBreakNode(node) || node.getTextContent().includes('\n')) return null;
  return block;
}
