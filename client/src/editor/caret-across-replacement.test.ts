import { createHeadlessEditor } from '@lexical/headless';
import { $createListItemNode, $createListNode } from '@lexical/list';
import { $createHeadingNode } from '@lexical/rich-text';
import { $createParagraphNode, $createTextNode, $getRoot, $getSelection, $isRangeSelection } from 'lexical';
import { describe, expect, it } from 'vitest';
import { editorNodes } from '../../../shared/lexical/nodes';
import { $captureCaret, $placeCaret, findCaret } from './caret-across-replacement';

describe('findCaret', () => {
  it('keeps the offset in a block whose text came back unchanged, the nearest one if several did', () => {
    const place = { blockIndex: 3, blockText: 'same', offset: 2 };
    expect(findCaret(place, ['same', 'other', 'x', 'y', 'same'])).toEqual({ blockIndex: 4, offset: 2 });
  });

  it('finds the words just before the caret in a block that changed (an older version of the same line)', () => {
    const place = { blockIndex: 1, blockText: 'Para one. Bob sentence.', offset: 4 };
    expect(findCaret(place, ['Title here', 'Para one.'])).toEqual({ blockIndex: 1, offset: 4 });
  });

  it('goes to the end of a line that came back without the words typed on at its end', () => {
    const place = { blockIndex: 2, blockText: 'Second paragraph here. Bob adds more. w0 w1 w2', offset: 46 };
    expect(findCaret(place, ['Team notes', 'The meeting starts at nine.', 'Second paragraph here.'])).toEqual({ blockIndex: 2, offset: 22 });
    // Short lines too, when the whole line is the start of the caret's.
    expect(findCaret({ blockIndex: 1, blockText: 'Hello and more words typed', offset: 26 }, ['Title', 'Hello'])).toEqual({ blockIndex: 1, offset: 5 });
  });

  it('goes where words typed inside a line began, when the line came back without them', () => {
    const place = { blockIndex: 0, blockText: 'The meeting starts NEW WORDS TYPED HERE', offset: 39 };
    expect(findCaret(place, ['Heading', 'The meeting starts at nine.'])).toEqual({ blockIndex: 1, offset: 19 });
  });

  it('finds the words just after the caret when those before it are gone', () => {
    const place = { blockIndex: 0, blockText: 'new start: the old words', offset: 11 };
    expect(findCaret(place, ['heading', 'xx the old words'])).toEqual({ blockIndex: 1, offset: 3 });
  });

  it('gives nothing when the words around the caret are gone, or are one or two letters, or spaces', () => {
    expect(findCaret({ blockIndex: 1, blockText: 'gone for good', offset: 4 }, ['a', 'bcd', 'e'])).toBeNull();
    expect(findCaret({ blockIndex: 0, blockText: 'x', offset: 1 }, [])).toBeNull();
    expect(findCaret({ blockIndex: 0, blockText: 'a  b', offset: 3 }, ['zz', 'a  x'])).toBeNull();
    // A few letters in common at the start are chance, not the same line.
    expect(findCaret({ blockIndex: 0, blockText: 'The plan is new', offset: 15 }, ['The end', 'Then'])).toBeNull();
  });
});

describe('the caret across a replacement, in an editor', () => {
  it('is found again beside the same words, in a list item of the new content', () => {
    const editor = createHeadlessEditor({ nodes: [...editorNodes], onError: (error) => { throw error; } });
    let place: ReturnType<typeof $captureCaret> = null;
    editor.update(
      () => {
        const text = $createTextNode('Para one. Bob sentence.');
        $getRoot().clear().append($createHeadingNode('h1').append($createTextNode('Title')), $createParagraphNode().append(text));
        text.select(4, 4);
        place = $captureCaret();
      },
      { discrete: true },
    );
    expect(place).toEqual({ blockIndex: 1, blockText: 'Para one. Bob sentence.', offset: 4 });
    editor.update(
      () => {
        const list = $createListNode('bullet').append($createListItemNode().append($createTextNode('first')), $createListItemNode().append($createTextNode('Para one.')));
        $getRoot().clear().append($createHeadingNode('h1').append($createTextNode('Title')), list);
        expect($placeCaret(place!)).toBe(true);
        const selection = $getSelection();
        expect($isRangeSelection(selection) && selection.anchor.getNode().getTextContent()).toBe('Para one.');
        expect($isRangeSelection(selection) && selection.anchor.offset).toBe(4);
      },
      { discrete: true },
    );
  });
});
