// A caret kept as Yjs relative positions (as CollaborationPlugin keeps this person's in the awareness state), read
// from an awareness state and put back into the editor.
import { $getAnchorAndFocusForUserState, type SyncCursorPositionsFn } from '@lexical/yjs';
import {
  $createRangeSelection,
  $getNodeByKey,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  $isTextNode,
  $setSelection,
  type NodeKey,
} from 'lexical';
import * as Y from 'yjs';

export type CollabBinding = Parameters<SyncCursorPositionsFn>[0];

/** The caret of one moment, as Yjs relative positions. */
export interface StoredCaret {
  readonly anchorPos: Y.RelativePosition;
  readonly focusPos: Y.RelativePosition;
}

export function caretOf(state: Record<string, unknown> | null): StoredCaret | null {
  const anchorPos = state?.['anchorPos'] as Y.RelativePosition | null | undefined;
  const focusPos = state?.['focusPos'] as Y.RelativePosition | null | undefined;
  return anchorPos && focusPos ? { anchorPos, focusPos } : null;
}

/**
 * `caret` pointing at the letters it points at now, as every client can read it. An undo that puts deleted text back
 * writes it anew: a position in the old letters still finds the new ones here (Yjs follows its own undo), but
 * another client, which cannot, puts it where the old letters were (after a check list was undone, the others saw
 * the caret at the end of the line before). Positions that no longer point into the document stay as they are.
 */
export function currentCaret(doc: Y.Doc, caret: StoredCaret): StoredCaret {
  const current = (position: Y.RelativePosition): Y.RelativePosition => {
    const absolute = Y.createAbsolutePositionFromRelativePosition(position, doc);
    if (absolute === null || absolute.type._item?.deleted === true) return position;
    return Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, absolute.assoc);
  };
  return { anchorPos: current(caret.anchorPos), focusPos: current(caret.focusPos) };
}

/** Moves the selection to `caret`, when both its ends still point at nodes of this editor's content. */
export function $placeCaret(binding: CollabBinding, caret: StoredCaret): void {
  const { anchorKey, anchorOffset, focusKey, focusOffset } = $getAnchorAndFocusForUserState(binding, {
    ...caret,
    name: '',
    color: '',
    focusing: true,
    awarenessData: {},
  });
  if (anchorKey === null || focusKey === null) return;
  // Someone else's concurrent change may have removed what the caret pointed into: then it stays where it is.
  const anchor = $pointTarget(anchorKey, anchorOffset);
  const focus = $pointTarget(focusKey, focusOffset);
  if (anchor === null || focus === null) return;
  const current = $getSelection();
  const selection = $isRangeSelection(current) ? current : $createRangeSelection();
  selection.anchor.set(anchor.key, anchor.offset, anchor.type);
  selection.focus.set(focus.key, focus.offset, focus.type);
  if (selection !== current) $setSelection(selection);
}

interface PointTarget {
  readonly key: NodeKey;
  readonly offset: number;
  readonly type: 'text' | 'element';
}

/**
 * A selection point on `key` at `offset` (kept within the node), or null when the node is gone. A node that holds
 * no caret (a line break) gives its place in its parent.
 */
function $pointTarget(key: NodeKey, offset: number): PointTarget | null {
  const node = $getNodeByKey(key);
  if (node === null || !node.isAttached()) return null;
  if ($isTextNode(node)) return { key, offset: Math.min(offset, node.getTextContentSize()), type: 'text' };
  if ($isElementNode(node)) return { key, offset: Math.min(offset, node.getChildrenSize()), type: 'element' };
  const parent = node.getParent();
  return parent === null ? null : { key: parent.getKey(), offset: node.getIndexWithinParent(), type: 'element' };
}
