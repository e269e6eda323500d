// Writes to Yjs only the blocks a change touched. After every change @lexical/yjs compares the whole document with
// its shared copy, block by block and text node by text node, although almost every block is as it was: in a
// 5,000-paragraph document each keystroke spent about 30 ms there before the page could show the letter. Lexical
// marks every node a change writes, and every element above it, as dirty, so a child that is not dirty is the same
// object it was, with nothing changed below it, and comparing it writes nothing. The binding now passes such children
// by.
import type { Binding } from '@lexical/yjs';
import type { NodeKey, NodeMap } from 'lexical';
import { installOnElementClass } from './binding-element-class';

/** A CollabElementNode's per-child sync, as @lexical/yjs 0.52.0 declares it. */
type SyncChild = (
  binding: Binding,
  index: number,
  key: NodeKey,
  prevNodeMap: NodeMap | null,
  dirtyElements: ReadonlyMap<NodeKey, boolean> | null,
  dirtyLeaves: ReadonlySet<NodeKey> | null,
) => void;

interface CollabElementClass {
  _syncChildFromLexical: SyncChild;
}

const installedOn = new WeakSet<object>();

/** Whether a change with these dirty sets left the node `key`, and everything inside it, untouched. */
function isUntouched(key: NodeKey, dirtyElements: ReadonlyMap<NodeKey, boolean> | null, dirtyLeaves: ReadonlySet<NodeKey> | null): boolean {
  // Without the sets (a sync the binding runs outside an update) nothing is known to be untouched.
  if (dirtyElements === null || dirtyLeaves === null) return false;
  return !dirtyElements.has(key) && !dirtyLeaves.has(key);
}

/** Makes `binding`'s kind of binding skip untouched children when it writes a change to Yjs. Once per class. */
export function syncChangedBlocksOnly(binding: Binding | object): void {
  installOnElementClass<CollabElementClass>(binding, installedOn, (elementClass) => {
    const syncChild = elementClass._syncChildFromLexical;
    elementClass._syncChildFromLexical = function (this: CollabElementClass, binding, index, key, prevNodeMap, dirtyElements, dirtyLeaves) {
      if (isUntouched(key, dirtyElements, dirtyLeaves)) return;
      syncChild.call(this, binding, index, key, prevNodeMap, dirtyElements, dirtyLeaves);
    };
  });
}
