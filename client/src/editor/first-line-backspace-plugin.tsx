// Backspace at the very start of a heading that opens the document makes it normal text, as Google Docs and Word do.
// Lexical keeps a heading that has text when Backspace has nothing before it to join (HeadingNode.collapseAtStart
// only turns an empty heading into a paragraph), so the key did nothing there and the heading could only be undone
// through the toolbar or Ctrl+Alt+0. Anywhere else Backspace keeps Lexical's behaviour: it joins the block to the
// one before it. Quotes, code blocks and list items already turn into paragraphs there.
import { $isHeadingNode } from '@lexical/rich-text';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $setBlocksType } from '@lexical/selection';
import { $createParagraphNode, $getSelection, $isRangeSelection, COMMAND_PRIORITY_LOW, KEY_BACKSPACE_COMMAND, type LexicalNode } from 'lexical';
import { useEffect } from 'react';

/** Whether nothing comes before `node` inside `block`: a point at offset 0 of it is the block's start. */
function $isFirstInside(node: LexicalNode, block: LexicalNode): boolean {
  for (let current: LexicalNode | null = node; current !== null && current !== block; current = current.getParent()) {
    if (current.getPreviousSibling() !== null) return false;
  }
  return true;
}

export function FirstLineBackspacePlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerCommand(
        KEY_BACKSPACE_COMMAND,
        (event) => {
          const selection = $getSelection();
          if (!$isRangeSelection(selection) || !selection.isCollapsed() || selection.anchor.offset !== 0) return false;
          const anchor = selection.anchor.getNode();
          const block = anchor.getTopLevelElement();
          if (!$isHeadingNode(block) || block.getPreviousSibling() !== null || !$isFirstInside(anchor, block)) return false;
          event?.preventDefault();
          $setBlocksType(selection, () => $createParagraphNode());
          return true;
        },
        COMMAND_PRIORITY_LOW,
      ),
    [editor],
  );
  return null;
}
