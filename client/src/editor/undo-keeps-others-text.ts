// Undo takes back this person's own edits only, never what someone else wrote. Yjs undoes the insertion of a
// container (a paragraph, a list item: in @lexical/yjs's layout, an embedded XmlText) by deleting it, and deleting a
// container deletes everything inside it: so when Ann pressed Enter and Ben typed into the new line, Ann's Ctrl+Z
// took Ben's sentence away from everyone. The UndoManager's delete filter now keeps any container that still holds
// content another client wrote, with its attributes (@lexical/yjs reads a block's type from them), and a text node's
// properties while its text includes another client's letters; Ann's own text in it is still undone. A step left
// with nothing to undo is passed over, as Yjs does: Ctrl+Z undoes the one before.
import * as Y from 'yjs';

/** Whether `item` is a container holding live content (at any depth) that a client other than `ownClient` wrote. */
export function holdsOthersContent(item: Y.Item, ownClient: number): boolean {
  return item.content instanceof Y.ContentType && typeHoldsOthersContent(item.content.type, ownClient);
}

function typeHoldsOthersContent(type: Y.AbstractType<unknown>, ownClient: number): boolean {
  for (let child = type._start; child !== null; child = child.right) {
    if (isOthersLiveItem(child, ownClient)) return true;
  }
  for (const child of type._map.values()) {
    if (isOthersLiveItem(child, ownClient)) return true;
  }
  return false;
}

function isOthersLiveItem(item: Y.Item, ownClient: number): boolean {
  if (item.deleted) return false;
  return item.id.client !== ownClient || holdsOthersContent(item, ownClient);
}

/**
 * Whether `item` is a text node's properties (a Y.Map embedded in a block, as @lexical/yjs writes a text node: the
 * map, then the node's text) whose text includes someone else's letters: Ben typing on at the end of Ann's words
 * extends Ann's text node. Without its map, the binding no longer shows that text.
 */
function isTextNodeOfOthersText(item: Y.Item, ownClient: number): boolean {
  if (!(item.content instanceof Y.ContentType) || !(item.content.type instanceof Y.Map) || item.parentSub !== null) return false;
  for (let next = item.right; next !== null && !(next.content instanceof Y.ContentType); next = next.right) {
    if (!next.deleted && next.id.client !== ownClient) return true;
  }
  return false;
}

/** Whether undo must keep `item`, a container, for someone else's sake (see above). */
function mustKeep(item: Y.Item, ownClient: number): boolean {
  return holdsOthersContent(item, ownClient) || isTextNodeOfOthersText(item, ownClient);
}

/** Whether undo may delete `item`: not a container kept for others' content, nor an attribute of one. */
export function mayUndoDelete(item: Y.Item, ownClient: number): boolean {
  if (mustKeep(item, ownClient)) return false;
  const container = item.parentSub === null ? null : (item.parent as Y.AbstractType<unknown>)._item;
  return container === null || !mustKeep(container, ownClient);
}

/** Makes `manager` leave alone every container that holds someone else's content when it undoes or redoes. */
export function keepOthersTextOnUndo(manager: Y.UndoManager): void {
  manager.deleteFilter = (item) => mayUndoDelete(item, manager.doc.clientID);
}
