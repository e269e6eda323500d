// ↓ on the last line of a code block or quote that ends the document makes a new paragraph under it and goes there,
// as in Google Docs: the caret stayed inside, and only Enter on two empty lines got out of a code block (never, when
// each Enter carried a line's indent forward).
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
          if (block === null) return false;
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
  for (; node !== null; node = node.getNextSibling()) if ($isLineBreakNode(node)) return null;
  return block;
}
