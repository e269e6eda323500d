import { Awareness } from 'y-protocols/awareness';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { anchorCaretsLeft, withLeftAnchoredCaret } from './caret-anchor';

function docWithText(text: string): { doc: Y.Doc; shared: Y.Text } {
  const doc = new Y.Doc();
  const shared = doc.getText('root');
  shared.insert(0, text);
  return { doc, shared };
}

/** The caret's index now, as @lexical/yjs reads it back after a change. */
function caretIndex(state: Record<string, unknown> | null, doc: Y.Doc): number | undefined {
  return Y.createAbsolutePositionFromRelativePosition(state?.anchorPos as Y.RelativePosition, doc)?.index;
}

describe('anchorCaretsLeft', () => {
  it('keeps a collapsed caret before letters someone else types at it', () => {
    const { doc, shared } = docWithText('Hi ');
    const awareness = new Awareness(doc);
    anchorCaretsLeft(awareness, doc);
    // What @lexical/yjs publishes for a caret at the end: anchored to the right, as it does.
    const caret = Y.createRelativePositionFromTypeIndex(shared, 3);
    awareness.setLocalState({ name: 'Ann', anchorPos: caret, focusPos: caret });
    shared.insert(3, 'sun');
    expect(caretIndex(awareness.getLocalState(), doc)).toBe(3);
    // Without the left anchor, the caret would have moved past "sun".
    expect(Y.createAbsolutePositionFromRelativePosition(caret, doc)?.index).toBe(6);
  });

  it('leaves a selection of several characters anchored as given', () => {
    const { doc, shared } = docWithText('abcdef');
    const anchorPos = Y.createRelativePositionFromTypeIndex(shared, 1);
    const focusPos = Y.createRelativePositionFromTypeIndex(shared, 4, -1);
    const state = { anchorPos, focusPos };
    expect(withLeftAnchoredCaret(state, doc)).toBe(state);
  });

  it('does not publish again a caret that only changed its anchoring', () => {
    const { doc, shared } = docWithText('abc');
    const awareness = new Awareness(doc);
    anchorCaretsLeft(awareness, doc);
    let updates = 0;
    awareness.on('update', () => updates++);
    const place = (index: number) => {
      const caret = Y.createRelativePositionFromTypeIndex(shared, index);
      awareness.setLocalState({ ...awareness.getLocalState(), anchorPos: caret, focusPos: caret });
    };
    awareness.setLocalState({ name: 'Ann', anchorPos: null, focusPos: null });
    place(2);
    expect(updates).toBe(2);
    // A remote insert at the caret, then @lexical/yjs re-publishes the (unchanged) caret, anchored right again.
    shared.insert(2, 'X');
    place(2);
    expect(updates).toBe(2);
    // A real move is published.
    place(4);
    expect(updates).toBe(3);
    expect(caretIndex(awareness.getLocalState(), doc)).toBe(4);
    // So is a change to anything else.
    awareness.setLocalStateField('name', 'Ben');
    expect(updates).toBe(4);
  });

  it('anchors a caret at the very start to the start of its text', () => {
    const { doc, shared } = docWithText('abc');
    const caret = Y.createRelativePositionFromTypeIndex(shared, 0);
    const next = withLeftAnchoredCaret({ anchorPos: caret, focusPos: caret }, doc);
    shared.insert(0, 'zz');
    expect(caretIndex(next, doc)).toBe(0);
  });
});
