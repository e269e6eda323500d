// Letters typed into text that someone else moved at the same moment, on Yjs documents in @lexical/yjs's layout:
// a root XmlText holding one XmlText per paragraph, each a property map per text node followed by its letters.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addParagraph, changeBlockType, lines, paragraphAt, pressBackspaceAtStart, pressEnter, root, send, type } from '../test-support/lexical-yjs-layout';
import { findStrandedRuns, moveStrandedRuns } from './stranded-letters';

/** Two people on one document; `ben` moves the letters a change of Ann's strands (as the editor plugin does). */
function twoPeople(...paragraphs: string[]): {
  ann: Y.Doc;
  ben: Y.Doc;
  moves: string[][];
  mapCaret: (position: Y.RelativePosition) => Y.RelativePosition;
} {
  const ann = new Y.Doc();
  paragraphs.forEach((text, index) => addParagraph(ann, index, text));
  const ben = new Y.Doc();
  send(ann, ben);
  return { ann, ben, ...recordingMoves(ben) };
}

/** Moves the letters changes from others strand in `doc` as the plugin does, noting each move's runs. */
function recordingMoves(doc: Y.Doc): { moves: string[][]; mapCaret: (position: Y.RelativePosition) => Y.RelativePosition } {
  const moves: string[][] = [];
  let mapCaret = (position: Y.RelativePosition) => position;
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    const runs = findStrandedRuns(transaction, doc.clientID);
    if (runs.length === 0) return;
    moves.push(runs.map((run) => run.text));
    mapCaret = moveStrandedRuns(doc, runs).position;
  });
  return { moves, mapCaret: (position) => mapCaret(position) };
}

/** Moves the letters changes from others strand in `doc`, as the editor plugin does. */
function rescuing(doc: Y.Doc): Y.Doc {
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    const runs = findStrandedRuns(transaction, doc.clientID);
    if (runs.length > 0) moveStrandedRuns(doc, runs);
  });
  return doc;
}

function exchange(ann: Y.Doc, ben: Y.Doc): void {
  send(ann, ben);
  send(ben, ann);
}

describe('letters typed into text someone moved at the same moment', () => {
  it('follow the rest of the line into the new paragraph when Enter was pressed before them', () => {
    const { ann, ben, moves } = twoPeople('alpha beta gamma delta');
    pressEnter(ann, 0, 'alpha '.length);
    type(ben, 0, 'alpha beta gamma '.length, 'BEN ');
    exchange(ann, ben);
    expect(lines(ben)).toEqual(['alpha ', 'beta gamma BEN delta']);
    expect(lines(ann)).toEqual(lines(ben));
    expect(moves).toEqual([['BEN ']]);
  });

  it('typed at the end of the line go to the end of the new paragraph', () => {
    const { ann, ben } = twoPeople('alpha beta');
    pressEnter(ann, 0, 'alpha '.length);
    type(ben, 0, 'alpha beta'.length, ' and more');
    exchange(ann, ben);
    expect(lines(ann)).toEqual(['alpha ', 'beta and more']);
    expect(lines(ben)).toEqual(lines(ann));
  });

  it('typed before, on the side of the line that stays, stay when someone else presses Enter in it', () => {
    // Ben typed the whole line; Ann presses Enter in it, having seen all of it: nothing of his is stranded.
    const { ann, ben, moves } = twoPeople('');
    type(ben, 0, 0, 'alpha beta gamma delta');
    send(ben, ann);
    pressEnter(ann, 0, 'alpha '.length);
    exchange(ann, ben);
    expect(lines(ben)).toEqual(['alpha ', 'beta gamma delta']);
    expect(lines(ann)).toEqual(lines(ben));
    expect(moves).toEqual([]);
  });

  it('follow a line cut twice in one change that arrives after an offline spell', () => {
    const { ann, ben } = twoPeople('alpha beta gamma delta');
    pressEnter(ann, 0, 'alpha '.length);
    pressEnter(ann, 1, 'beta gamma '.length);
    type(ben, 0, 'alpha beta gamma '.length, 'BEN ');
    exchange(ann, ben);
    expect(lines(ben)).toEqual(['alpha ', 'beta gamma BEN ', 'delta']);
    expect(lines(ann)).toEqual(lines(ben));
  });

  it('come back from a joined line even when the joiner then deleted a letter of its copy', () => {
    const { ann, ben } = twoPeople('alpha beta', 'gamma delta');
    type(ben, 1, 'gamma delta'.length, ' BEN');
    pressBackspaceAtStart(ann, 1);
    paragraphAt(ann, 0).delete(1 + 'alpha betagamm'.length, 1);
    exchange(ann, ben);
    expect(lines(ben)).toEqual(['alpha betagamm delta BEN']);
    expect(lines(ann)).toEqual(lines(ben));
  });

  it('after text moved out of the middle of a line stay there, since the mover may have seen them', () => {
    const { ann, ben, moves } = twoPeople('alpha beta gamma', 'other');
    type(ben, 0, 'alpha beta gamma'.length, ' delta');
    send(ben, ann); // Ann sees " delta"
    ann.transact(() => {
      // She drags "beta gamma" into the other line, in one change.
      paragraphAt(ann, 0).delete(1 + 'alpha '.length, 'beta gamma'.length);
      type(ann, 1, 'other'.length, ' beta gamma');
    });
    exchange(ann, ben);
    expect(lines(ben)).toEqual(['alpha  delta', 'other beta gamma']);
    expect(moves).toEqual([]);
  });

  it('stay in the first line when Enter was pressed after them', () => {
    const { ann, ben, moves } = twoPeople('alpha beta gamma');
    pressEnter(ann, 0, 'alpha beta '.length);
    type(ben, 0, 'alpha '.length, 'BEN ');
    exchange(ann, ben);
    expect(lines(ann)).toEqual(['alpha BEN beta ', 'gamma']);
    expect(moves).toEqual([]);
  });

  it('come back from a paragraph joined to the one before, those the joiner had seen and those not', () => {
    const { ann, ben, moves } = twoPeople('alpha beta', 'gamma delta');
    type(ben, 1, 'gamma '.length, 'BEN');
    send(ben, ann); // Ann sees BEN, not what follows
    type(ben, 1, 'gamma BEN'.length, 'WORDS ');
    pressBackspaceAtStart(ann, 1);
    exchange(ann, ben);
    expect(lines(ben)).toEqual(['alpha betagamma BENWORDS delta']);
    expect(lines(ann)).toEqual(lines(ben));
    expect(moves).toEqual([['WORDS ']]);
  });

  it('of two people typing in a line someone joins to the one before both come back', () => {
    const { ann, ben } = twoPeople('alpha beta', 'gamma delta');
    const cat = rescuing(new Y.Doc());
    send(ann, cat);
    type(ben, 1, 'gamma'.length, 'BEN');
    type(cat, 1, 'gamma delta'.length, ' CAT');
    // Ben and Cat see each other's words; Ann, who sees neither, joins the line.
    send(ben, cat);
    send(cat, ben);
    pressBackspaceAtStart(ann, 1);
    for (const [from, to] of [[ann, ben], [ann, cat], [ben, cat], [cat, ben], [ben, ann], [cat, ann]] as const) send(from, to);
    for (const doc of [ann, ben, cat]) expect(lines(doc)).toEqual(['alpha betagammaBEN delta CAT']);
  });

  it('come back from a line partly deleted by a selection that began in the line before', () => {
    const { ann, ben } = twoPeople('alpha beta', 'gamma delta');
    type(ben, 1, 'gamma delta'.length, ' BEN');
    ann.transact(() => {
      // Ann selects from "alpha |beta" to "gam|ma delta" and deletes: the rest of the second line joins the first.
      paragraphAt(ann, 0).delete(1 + 'alpha '.length, 'beta'.length);
      type(ann, 0, 'alpha '.length, 'ma delta');
      root(ann).delete(1, 1);
    });
    exchange(ann, ben);
    expect(lines(ben)).toEqual(['alpha ma delta BEN']);
    expect(lines(ann)).toEqual(lines(ben));
  });

  it('deleted on purpose with a line stay deleted, though the words typed instead begin like it', () => {
    const { ann, ben, moves } = twoPeople('alpha beta', 'this is ');
    type(ben, 1, 'this is '.length, 'the end of it');
    send(ben, ann);
    ann.transact(() => {
      // Ann selects from "alpha |beta" to the end of the line Ben finished and pastes "this is ".
      paragraphAt(ann, 0).delete(1 + 'alpha '.length, 'beta'.length);
      type(ann, 0, 'alpha '.length, 'this is ');
      root(ann).delete(1, 1);
    });
    exchange(ann, ben);
    expect(lines(ben)).toEqual(['alpha this is ']);
    expect(moves).toEqual([]);
  });

  /** Ann selects from "alpha |beta" to `end` letters into the second line and deletes: its rest joins the first. */
  function deleteAcrossLines(ann: Y.Doc, end: number): void {
    ann.transact(() => {
      const rest = lines(ann)[1]!.slice(end);
      paragraphAt(ann, 0).delete(1 + 'alpha '.length, 'beta'.length);
      type(ann, 0, 'alpha '.length, rest);
      root(ann).delete(1, 1);
    });
  }

  it('at the start of a line, deleted by a selection that ends after them, stay deleted', () => {
    const { ann, ben, moves } = twoPeople('alpha beta', 'there everyone');
    type(ben, 1, 0, 'Hi ');
    send(ben, ann); // seen by Ann, who then deletes them with a selection
    deleteAcrossLines(ann, 'Hi '.length);
    exchange(ann, ben);
    expect(lines(ben)).toEqual(['alpha there everyone']);
    expect(moves).toEqual([]);
  });

  it('that someone typed on after, deleted by a selection, stay deleted', () => {
    const { ann, ben, moves } = twoPeople('alpha beta', '');
    type(ben, 1, 0, 'one two');
    send(ben, ann);
    type(ann, 1, 'one two'.length, ' three'); // Ann typed on after Ben's words: she saw them
    send(ann, ben);
    deleteAcrossLines(ann, 'one '.length);
    exchange(ann, ben);
    expect(lines(ben)).toEqual(['alpha two three']);
    expect(moves).toEqual([]);
  });

  it('stay where they are when the text around them was deleted, not moved', () => {
    const { ann, ben, moves } = twoPeople('alpha beta gamma');
    paragraphAt(ann, 0).delete(1 + 'alpha '.length, 'beta gamma'.length);
    type(ben, 0, 'alpha beta '.length, 'BEN ');
    exchange(ann, ben);
    expect(lines(ann)).toEqual(['alpha BEN ']);
    expect(moves).toEqual([]);
  });

  it('of someone else are left to them', () => {
    const { ann, ben } = twoPeople('alpha beta gamma');
    const cat = new Y.Doc();
    send(ann, cat);
    pressEnter(ann, 0, 'alpha '.length);
    type(cat, 0, 'alpha beta '.length, 'CAT ');
    send(cat, ben);
    exchange(ann, ben);
    // Ben typed nothing, so he moves nothing; Cat's own page would move her letters.
    expect(lines(ben)).toEqual(['alpha CAT ', 'beta gamma']);
  });

  it('follow a line of their author\'s own into the heading it was made, those typed since the other person saw it', () => {
    // Ben wrote the whole line, so no one else's letters are in it: his unseen letter went with the old line.
    const ben = new Y.Doc();
    ['alpha beta', 'gamma delta'].forEach((text, index) => addParagraph(ben, index, text));
    const ann = new Y.Doc();
    for (const [at, letter] of [...'QWER'].entries()) type(ben, 1, 'gamma'.length + at, letter);
    send(ben, ann);
    type(ben, 1, 'gammaQWER'.length, 'T');
    const caret = Y.createRelativePositionFromTypeIndex(paragraphAt(ben, 1), 1 + 'gammaQWERT'.length, -1);
    const { moves, mapCaret } = recordingMoves(ben);
    changeBlockType(ann, 1, 'heading');
    send(ann, ben);
    expect(lines(ben)).toEqual(['alpha beta', 'gammaQWERT delta']);
    expect(moves).toEqual([['T']]);
    const place = Y.createAbsolutePositionFromRelativePosition(mapCaret(caret), ben);
    expect(place?.type).toBe(paragraphAt(ben, 1));
    expect(place?.index).toBe(1 + 'gammaQWERT'.length);
    send(ben, ann);
    expect(lines(ann)).toEqual(lines(ben));
  });

  it('found before the editor shows the change, are moved whole though it deleted some of them meanwhile', () => {
    const { ann, ben } = twoPeople('alpha beta gamma delta');
    pressEnter(ann, 0, 'alpha '.length);
    type(ben, 0, 'alpha beta gamma '.length, 'BEN ');
    const rescuer = new Y.Doc();
    send(ben, rescuer);
    let found: ReturnType<typeof findStrandedRuns> = [];
    rescuer.on('beforeObserverCalls', (transaction: Y.Transaction) => {
      if (!transaction.local) found = findStrandedRuns(transaction, ben.clientID);
    });
    Y.applyUpdate(rescuer, Y.encodeStateAsUpdate(ann, Y.encodeStateVector(rescuer)), 'remote');
    // As the binding does with letters after a removed text node's properties: the first of them is deleted.
    paragraphAt(rescuer, 0).delete(1 + 'alpha '.length, 1);
    expect(lines(rescuer)).toEqual(['alpha EN ', 'beta gamma delta']);
    expect(found.map((run) => run.text)).toEqual(['BEN ']);
    moveStrandedRuns(rescuer, found);
    expect(lines(rescuer)).toEqual(['alpha ', 'beta gamma BEN delta']);
  });

  it('take a caret that sat after them along', () => {
    const { ann, ben, mapCaret } = twoPeople('alpha beta gamma');
    pressEnter(ann, 0, 'alpha '.length);
    type(ben, 0, 'alpha beta '.length, 'BEN');
    // As anchorCaretsLeft keeps it: tied to the letter on its left, the N.
    const caret = Y.createRelativePositionFromTypeIndex(paragraphAt(ben, 0), 1 + 'alpha beta BEN'.length, -1);
    send(ann, ben);
    const place = Y.createAbsolutePositionFromRelativePosition(mapCaret(caret), ben);
    expect(place?.type).toBe(paragraphAt(ben, 1));
    expect(place?.index).toBe(1 + 'beta BEN'.length);
    expect(lines(ben)).toEqual(['alpha ', 'beta BENgamma']);
  });
});
