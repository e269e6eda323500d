// Two Enters pressed in one line at the same moment, at different places, on Yjs documents in @lexical/yjs's layout.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addParagraph, lines, paragraphAt, pressEnter, send, type } from '../test-support/lexical-yjs-layout';
import { deleteTwiceMovedLetters, findTwiceMovedLetters, OwnEnters } from './twice-moved-letters';

/** Ann and Ben on one line, with the client ids given (Yjs orders two blocks typed at one place by them). */
function twoPeople(annId: number, benId: number, text: string): { ann: Y.Doc; ben: Y.Doc; fixes: string[] } {
  const ann = new Y.Doc();
  ann.clientID = annId;
  const ben = new Y.Doc();
  ben.clientID = benId;
  const fixes: string[] = [];
  for (const [doc, name] of [[ann, 'ann'], [ben, 'ben']] as const) {
    const ownEnters = new OwnEnters();
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      ownEnters.note(transaction);
      const found = findTwiceMovedLetters(transaction, doc.clientID, ownEnters);
      if (found.length === 0) return;
      fixes.push(name);
      deleteTwiceMovedLetters(doc, found, 'fix');
    });
  }
  addParagraph(ann, 0, text);
  send(ann, ben);
  return { ann, ben, fixes };
}

function bothWays(ann: Y.Doc, ben: Y.Doc): void {
  send(ann, ben);
  send(ben, ann);
  send(ann, ben);
}

describe('two Enters in one line at the same moment', () => {
  it('leave the letters after the later one once, in the last line, when the new lines stand in order', () => {
    // Ben's paragraph, typed by the higher client id, goes after Ann's.
    const { ann, ben, fixes } = twoPeople(1, 2, 'alpha beta gamma delta');
    pressEnter(ann, 0, 'alpha '.length);
    pressEnter(ben, 0, 'alpha beta gamma '.length);
    bothWays(ann, ben);
    expect(lines(ann)).toEqual(['alpha ', 'beta gamma ', 'delta']);
    expect(lines(ben)).toEqual(lines(ann));
    expect(fixes).toEqual(['ben']); // the later Enter's page, once
  });

  it('leave them once, in the last line, when Yjs put the later Enter\'s line first', () => {
    const { ann, ben, fixes } = twoPeople(2, 1, 'alpha beta gamma delta');
    pressEnter(ann, 0, 'alpha '.length);
    pressEnter(ben, 0, 'alpha beta gamma '.length);
    bothWays(ann, ben);
    expect(lines(ann)).toEqual(['alpha ', 'beta gamma ', 'delta']);
    expect(lines(ben)).toEqual(lines(ann));
    expect(fixes).toEqual(['ben']);
  });

  it('keep what the later Enter\'s person typed in their new line', () => {
    const { ann, ben } = twoPeople(2, 1, 'alpha beta gamma delta');
    pressEnter(ann, 0, 'alpha '.length);
    pressEnter(ben, 0, 'alpha beta gamma '.length);
    type(ben, 1, 0, 'new ');
    bothWays(ann, ben);
    expect(lines(ann)).toEqual(['alpha ', 'beta gamma ', 'new delta']);
    // Typed again after the other line, it is still a paragraph, its text node intact.
    expect(paragraphAt(ann, 2).getAttribute('__type')).toBe('paragraph');
    expect((paragraphAt(ann, 2).toDelta()[0].insert as Y.Map<string>).get('__type')).toBe('text');
    expect(lines(ben)).toEqual(lines(ann));
  });

  it('whichever page hears of the other first', () => {
    const { ann, ben, fixes } = twoPeople(1, 2, 'alpha beta gamma delta');
    pressEnter(ann, 0, 'alpha beta gamma '.length);
    pressEnter(ben, 0, 'alpha '.length);
    send(ben, ann);
    send(ann, ben);
    send(ben, ann);
    expect(lines(ann)).toEqual(['alpha ', 'beta gamma ', 'delta']);
    expect(lines(ben)).toEqual(lines(ann));
    expect(fixes).toEqual(['ann']);
  });

  for (const [annId, benId] of [[1, 2], [2, 1]] as const) {
    it(`at the very same place make two line breaks, not the rest of the line twice (client ids ${annId}, ${benId})`, () => {
      const { ann, ben } = twoPeople(annId, benId, 'alpha beta gamma delta');
      pressEnter(ann, 0, 'alpha '.length);
      pressEnter(ben, 0, 'alpha '.length);
      bothWays(ann, ben);
      expect(lines(ann)).toEqual(['alpha ', '', 'beta gamma delta']);
      expect(lines(ben)).toEqual(lines(ann));
    });
  }

  it('leave two new lines that only look alike alone', () => {
    const { ann, ben, fixes } = twoPeople(1, 2, 'alpha');
    pressEnter(ann, 0, 'alpha'.length);
    type(ann, 1, 0, 'same words');
    pressEnter(ben, 0, 'alpha'.length);
    type(ben, 1, 0, 'same words');
    bothWays(ann, ben);
    expect(lines(ann)).toEqual(['alpha', 'same words', 'same words']);
    expect(fixes).toEqual([]);
  });

  it('leave a line typed after an Enter at a line\'s end alone, though another Enter moves the same words', () => {
    const { ann, ben, fixes } = twoPeople(1, 2, '');
    type(ben, 0, 0, 'Monday: Done');
    send(ben, ann);
    pressEnter(ann, 0, 'Monday: Done'.length);
    type(ann, 1, 0, 'Done');
    send(ann, ben);
    pressEnter(ben, 0, 'Monday: '.length);
    bothWays(ann, ben);
    expect(lines(ann)).toEqual(['Monday: ', 'Done', 'Done']);
    expect(lines(ben)).toEqual(lines(ann));
    expect(fixes).toEqual([]);
  });

  it('one after the other, the second in the line the first made, both stay', () => {
    const { ann, ben, fixes } = twoPeople(1, 2, 'alpha byebye');
    pressEnter(ann, 0, 'alpha '.length);
    send(ann, ben);
    pressEnter(ben, 1, 'bye'.length);
    bothWays(ann, ben);
    expect(lines(ann)).toEqual(['alpha ', 'bye', 'bye']);
    expect(lines(ben)).toEqual(lines(ann));
    expect(fixes).toEqual([]);
  });

  it('change nothing when only one person pressed Enter', () => {
    const { ann, ben, fixes } = twoPeople(1, 2, 'alpha beta gamma delta');
    pressEnter(ann, 0, 'alpha '.length);
    type(ben, 0, 0, 'x');
    bothWays(ann, ben);
    expect(lines(ann)).toEqual(['xalpha ', 'beta gamma delta']);
    expect(fixes).toEqual([]);
  });
});
