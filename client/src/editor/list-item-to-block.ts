// Turns one list item into another kind of block (a heading, a quote, normal text) where it stands, splitting its
// list around it. The split moves the items on its shorter side into a list of their own: @lexical/yjs writes a
// moved item as deleted here and created anew there, so two people splitting one list at once each copy the items
// they move, and items both moved came out twice. Moving the shorter side keeps the two sets apart in most cases
// (one person near the top, one near the bottom), where moving everything below the item always overlapped.
// The item's own sub-items stay where they are, nested, at the head of the list below. Numbered items keep their
// numbers, as in Google Docs, rather than the list below starting again at 1 ($keepListNumbers, for any change of
// block type in a list).
import { $isListItemNode, $isListNode, type ListItemNode, type ListNode } from '@lexical/list';
import { $copyNode, $getRoot, $getSelection, $isRangeSelection, type ElementNode, type LexicalNode, type NodeKey } from 'lexical';

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
  if (before.length > 0 && before.length < after.length) {
    // The items above go into a list of their own; the item is then the first of `list`, and the block goes above it.
    const above = $copyNode(list);
    list.insertBefore(above);
    above.append(...before);
  }
  block.setFormat(item.getFormatType());
  item.replace(block, true);
}

/**
 * Runs `change` (a change of block type) so that numbered items outside it keep their numbers: each numbered list
 * whose first numbered item had another number before starts at that number. Inside editor.update.
 */
export function $keepListNumbers(change: () => void): void {
  const numbers = new Map<NodeKey, number>();
  for (const list of $numberedLists()) {
    for (const child of list.getChildren()) if ($isListItemNode(child) && !isWrapper(child)) numbers.set(child.getKey(), child.getValue());
  }
  change();
  if (numbers.size === 0) return;
  for (const list of $numberedLists()) {
    const first = list.getChildren().find((child): child is ListItemNode => $isListItemNode(child) && !isWrapper(child));
    const number = first === undefined ? undefined : numbers.get(first.getKey());
    if (number !== undefined && list.getStart() !== number) list.setStart(number);
  }
}

function $numberedLists(): ListNode[] {
  return $getRoot()
    .getChildren()
    .filter((node): node is ListNode => $isListNode(node) && node.getListType() === 'number');
}

/** An item that only holds a nested list (Lexical's shape for sub-items): it has no number of its own. */
function isWrapper(item: ListItemNode): boolean {
  const children = item.getChildren();
  return children.length > 0 && children.every($isListNode);
}

function itemOf(node: LexicalNode): ListItemNode | null {
  let current: LexicalNode | null = node;
  while (current !== null && !$isListItemNode(current)) current = current.getParent();
  return current;
}
