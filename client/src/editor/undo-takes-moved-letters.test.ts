// Undo after this page moved its letters (stranded-letters.ts), on Yjs documents in @lexical/yjs's layout, with the
// UndoManager tracking the typing as the collaboration plugin's does.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addParagraph, lines, pressEnter, root, send, type } from '../test-support/lexical-yjs-layout';
import { findStrandedRuns, moveStrandedRuns } from './stranded-letters';
import { undoStepsTakeCopies } from './undo-takes-moved-letters';

const TYPING = Symbol('typing');

/** Ann and Ben on one line; Ben's typing is undoable, and his page moves what Ann's changes strand (as the plugin does). */
function twoPeople(text: string, { takesCopies = true } = {}) {
  const ann = new Y.Doc();
  addParagraph(ann, 0, text);
  const ben = new Y.Doc();
  send(ann, ben);
  const undo = new Y.UndoManager(root(ben), { trackedOrigins: new Set([TYPING]), captureTimeout: 0 });
  ben.on('afterTransaction', (transaction: Y.Transaction) => {
    const runs = findStrandedRuns(transaction, ben.clientID);
    if (runs.length === 0) return;
    const moved = moveStrandedRuns(ben, runs);
    if (takesCopies) undoStepsTakeCopies(undo, moved.copies);
  });
  const benTypes = (offset: number, letters: string, index = 0) => ben.transact(() => type(ben, index, offset, letters), TYPING);
  return { ann, ben, undo, benTypes };
}

function exchange(ann: Y.Doc, ben: Y.Doc): void {
  send(ann, ben);
  send(ben, ann);
}

describe('undo after letters were moved for this person', () => {
  it('takes the moved word away, where it went', () => {
    const { ann, ben, undo, benTypes } = twoPeople('alpha beta gamma delta');
    benTypes('alpha beta gamma '.length, 'BEN ');
    pressEnter(ann, 0, 'alpha '.length);
    exchange(ann, ben);
    expect(lines(ben)).toEqual(['alpha ', 'beta gamma BEN delta']);

    undo.undo();
    send(ben, ann);
    expect(lines(ben)).toEqual(['alpha ', 'beta gamma delta']);
    expect(lines(ann)).toEqual(lines(ben));
  });

  it('takes away the whole word when only its beginning was moved', () => {
    const { ann, ben, undo, benTypes } = twoPeople('alpha beta gamma delta');
    // One step: "BENWOR" typed before Ann's Enter arrived (moved), "DSHERE " after it (typed in the new line already).
    undo.captureTimeout = 60_000;
    benTypes('alpha beta gamma '.length, 'BENWOR');
    pressEnter(ann, 0, 'alpha '.length);
    exchange(ann, ben);
    benTypes('beta gamma BENWOR'.length, 'DSHERE ', 1);
    expect(lines(ben)).toEqual(['alpha ', 'beta gamma BENWORDSHERE delta']);
    expect(undo.undoStack).toHaveLength(1);

    undo.undo();
    expect(lines(ben)).toEqual(['alpha ', 'beta gamma delta']);
  });

  it('brings the word back where it went on redo, and takes it again on a second undo', () => {
    const { ann, ben, undo, benTypes } = twoPeople('alpha beta gamma delta');
    benTypes('alpha beta gamma '.length, 'BEN ');
    pressEnter(ann, 0, 'alpha '.length);
    exchange(ann, ben);
    undo.undo();
    undo.redo();
    expect(lines(ben)).toEqual(['alpha ', 'beta gamma BEN delta']);
    undo.undo();
    expect(lines(ben)).toEqual(['alpha ', 'beta gamma delta']);
  });

  it('leaves earlier steps as they were: one undo per step, the latest first', () => {
    const { ann, ben, undo, benTypes } = twoPeople('alpha beta gamma delta');
    benTypes('alpha beta gamma '.length, 'ONE ');
    benTypes('alpha beta gamma ONE '.length, 'TWO ');
    expect(undo.undoStack).toHaveLength(2);
    pressEnter(ann, 0, 'alpha '.length);
    exchange(ann, ben);
    expect(lines(ben)).toEqual(['alpha ', 'beta gamma ONE TWO delta']);

    undo.undo();
    expect(lines(ben)).toEqual(['alpha ', 'beta gamma ONE delta']);
    undo.undo();
    expect(lines(ben)).toEqual(['alpha ', 'beta gamma delta']);
  });

  it('without the copies counted, undo leaves the moved word (what this fixes)', () => {
    const { ann, ben, undo, benTypes } = twoPeople('alpha beta gamma delta', { takesCopies: false });
    benTypes('alpha beta gamma '.length, 'BEN ');
    pressEnter(ann, 0, 'alpha '.length);
    exchange(ann, ben);
    undo.undo();
    expect(lines(ben)).toEqual(['alpha ', 'beta gamma BEN delta']);
  });
});
