import { createHeadlessEditor } from '@lexical/headless';
import { $createLinkNode } from '@lexical/link';
import { $createListItemNode, $createListNode } from '@lexical/list';
import { $createHeadingNode } from '@lexical/rich-text';
import {
  $createLineBreakNode,
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  type LexicalEditor,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import { editorNodes } from '../../../shared/lexical/nodes';
import { $selectTitleLine } from './title-line';

function editorWith(fill: () => void): LexicalEditor {
  const editor = createHeadlessEditor({ nodes: [...editorNodes], onError: (error) => { throw error; } });
  editor.update(fill, { discrete: true });
  return editor;
}

/** The text before the caret in its block, after $selectTitleLine, marked with a |, and the text after it. */
function caretAfterSelecting(editor: LexicalEditor): string {
  let shown = '';
  editor.update(
    () => {
      $selectTitleLine();
      const selection = $getSelection();
      if (!$isRangeSelection(selection) || !selection.isCollapsed()) throw new Error('no caret');
      const node = selection.anchor.getNode();
      const block = node.getTopLevelElementOrThrow();
      const text = block.getTextContent();
      // The caret's offset in its block's text: the text of the nodes before it, plus its offset in its own.
      let offset = 0;
      for (const leaf of block.getAllTextNodes()) {
        if (leaf.is(node)) break;
        offset += leaf.getTextContentSize();
      }
      offset += selection.anchor.type === 'text' ? selection.anchor.offset : node.getTextContentSize();
      shown = `${text.slice(0, offset)}|${text.slice(offset)}`;
    },
    { discrete: true },
  );
  return shown;
}

describe('$selectTitleLine', () => {
  it('goes to the end of the first Heading 1 with text, wherever it is', () => {
    const editor = editorWith(() => {
      $getRoot().append(
        $createParagraphNode().append($createTextNode('Intro line')),
        $createHeadingNode('h1').append($createTextNode('Plan')),
        $createHeadingNode('h1').append($createTextNode('Second')),
      );
    });
    expect(caretAfterSelecting(editor)).toBe('Plan|');
  });

  it('without a Heading 1, goes to the end of the first line of text, not of its paragraph', () => {
    const editor = editorWith(() => {
      $getRoot().append(
        $createParagraphNode(),
        $createParagraphNode().append($createTextNode('Notes from '), $createLinkNode('https://example.com').append($createTextNode('the call')), $createLineBreakNode(), $createTextNode('second line')),
      );
    });
    expect(caretAfterSelecting(editor)).toBe('Notes from the call|\nsecond line');
  });

  it('takes the first item of a list that comes first', () => {
    const editor = editorWith(() => {
      $getRoot().append($createListNode('bullet').append($createListItemNode().append($createTextNode('Milk')), $createListItemNode().append($createTextNode('Eggs'))));
    });
    expect(caretAfterSelecting(editor)).toBe('Milk|\n\nEggs');
  });

  it('goes to the start of a document with no text', () => {
    const editor = editorWith(() => {
      $getRoot().append($createParagraphNode(), $createParagraphNode());
    });
    expect(caretAfterSelecting(editor)).toBe('|');
  });
});
