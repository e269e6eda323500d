// A triple click selects one paragraph, as in every word processor. The browser's triple-click selection runs on
// to the very start of the next paragraph, so typing over it merged the two ("X" over "Second line" turned
// "Second line / Third line" into "XThird line"), and Delete took the paragraph break too. This ends the selection
// at the end of the clicked block instead.
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $findMatchingParent } from '@lexical/utils';
import { $getSelection, $isElementNode, $isRangeSelection, type ElementNode, type LexicalNode } from 'lexical';
import { useEffect } from 'react';

function $blockOf(node: LexicalNode): ElementNode | null {
  const block = $findMatchingParent(node, (candidate) => $isElementNode(candidate) && !candidate.isInline());
  return $isElementNode(block) ? block : null;
}

/** Ends a selection that runs from one block into the start of a later one at the end of its first block. */
function $keepTripleClickInOneBlock(): void {
  const selection = $getSelection();
  if (!$isRangeSelection(selection) || selection.isCollapsed() || selection.isBackward()) return;
  const { anchor, focus } = selection;
  if (focus.offset !== 0) return;
  const anchorBlock = $blockOf(anchor.getNode());
  const focusBlock = $blockOf(focus.getNode());
  if (anchorBlock === null || focusBlock === null || anchorBlock.is(focusBlock)) return;
  // Only the start of the focus block is selected: nothing of it shows as selected, so nothing of it should change.
  if (focus.type === 'text' && focus.getNode().getPreviousSibling() !== null) return;
  anchorBlock.select(0, anchorBlock.getChildrenSize());
}

export function TripleClickPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      if (event.detail === 3) editor.update($keepTripleClickInOneBlock);
    };
    return editor.registerRootListener((root, previousRoot) => {
      previousRoot?.removeEventListener('click', onClick);
      root?.addEventListener('click', onClick);
    });
  }, [editor]);
  return null;
}
