// Where a collapsed caret stays when someone else types exactly at it. @lexical/yjs keeps this user's caret in the
// awareness state as a Yjs relative position and puts the caret back there after every remote change. It anchors a
// collapsed caret to the character on its right, so letters another person types at the caret land to its left
// and the caret jumps past them: two people typing at one spot then take turns inserting at the same point, and
// their words come out interleaved ("smuonon"). Anchored to the character on its left instead, the caret stays put
// and the other person's letters go on after it, so each person's words stay whole, as in Google Docs.
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';

type AwarenessState = Record<string, unknown>;

/**
 * Makes every collapsed caret this awareness publishes stick to the character on its left. A state that differs
 * from the current one only by the caret's anchoring (@lexical/yjs re-publishes its right-anchored caret after each
 * change, seeing it differ from the left-anchored one) is not published again.
 */
export function anchorCaretsLeft(awareness: Awareness, doc: Y.Doc): void {
  const publish = awareness.setLocalState.bind(awareness);
  awareness.setLocalState = (state: AwarenessState | null) => {
    if (state === null) return publish(null);
    const next = withLeftAnchoredCaret(state, doc);
    const current = awareness.getLocalState();
    if (next !== state && current !== null && isSameState(current, next)) return;
    publish(next);
  };
}

/** `state` with its caret anchored to the character on its left, or `state` itself when it has no collapsed caret. */
export function withLeftAnchoredCaret(state: AwarenessState, doc: Y.Doc): AwarenessState {
  const { anchorPos, focusPos } = state;
  if (!isRelativePosition(anchorPos) || !isRelativePosition(focusPos)) return state;
  if (anchorPos.assoc < 0 || !Y.compareRelativePositions(anchorPos, focusPos)) return state;
  const caret = Y.createAbsolutePositionFromRelativePosition(anchorPos, doc);
  if (caret === null) return state;
  const leftAnchored = Y.createRelativePositionFromTypeIndex(caret.type, caret.index, -1);
  return { ...state, anchorPos: leftAnchored, focusPos: leftAnchored };
}

function isRelativePosition(value: unknown): value is Y.RelativePosition {
  return value instanceof Y.RelativePosition;
}

function isSameState(current: AwarenessState, next: AwarenessState): boolean {
  const keys = Object.keys(next);
  if (keys.length !== Object.keys(current).length) return false;
  return keys.every((key) => {
    const a = current[key];
    const b = next[key];
    if (isRelativePosition(a) && isRelativePosition(b)) return Y.compareRelativePositions(a, b);
    return a === b;
  });
}
