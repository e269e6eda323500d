// Turns one list item into another kind of block (a heading, a quote, normal text) where it stands, splitting its
// list around it. The split moves the items on its shorter side into a list of their own: @lexical/yjs writes a
// moved item as deleted here and created anew there, so two people splitting one list at once each copy the items
// they move, and items both moved came out twice. Moving the shorter side keeps the two sets apart in most cases
// (one person near the top, one near the bottom), where moving everything below the item always overlapped.
// A numbered list goes on counting after the new block, as in Google Docs, rather than starting again at 1.
import { $isListItemNode, $isListNode, type ListItemNode } from '@lexical/list';
import { $copyNode, $getSelection, $isRangeSelection, type ElementNode, type LexicalNode } from 'lexical';

/** The list item a collapsed caret, or a selection inside one item, is in; null otherwise (or when nested). */
export function $selectedTopLevelListItem(): ListItemNode | null {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return null;
  const anchorItem = itemOf(selection.anchor.getNode());
  if (anchorItem === null || !anchorItem.is(itemOf(selection.focus.getNode()))) return null;
  const list = anchorItem.getParent();
  return $isListNode(list) && !$isListItemNode(list.getParent()) ? anchorItem : null;
}

/** Replaces `item` with `block` (taking over its content and alignment), splitting its list around it. */
export function $replaceListItem(item: ListItemNode, block: ElementNode): void {
  const list = item.getParent();
  if (!$isListNode(list)) return;
  const before = item.getPreviousSiblings();
  const after = item.getNextSiblings();
  const firstAfter = after[0];
  const nextNumber = $isListItemNode(firstAfter) ? firstAfter.getValue() : null;
  if (before.length > 0 && before.length < after.length) {
    // The items above go into a list of their own; the item is then the first of `list`, and the block goes above it.
    const above = $copyNode(list);
    list.insertBefore(above);
    above.append(...before);
  }
  block.setFormat(item.getFormatType());
  item.replace(block, true);
  const below = block.getNextSibling();
  if (nextNumber !== null && $isListNode(below) && below.getListType() === 'number') below.setStart(nextNumber);
}

function itemOf(node: LexicalNode): ListItemNode | null {
  let current: LexicalNode | null = node;
  while (current !== null && !$isListItemNode(current)) current = current.getParent();
  return current;
}
