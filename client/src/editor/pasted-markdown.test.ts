import { createHeadlessEditor } from '@lexical/headless';
import { $convertToMarkdownString } from '@lexical/markdown';
import { $createCodeNode } from '@lexical/code';
import { $createParagraphNode, $createTextNode, $getRoot, $getSelection, $isRangeSelection, type LexicalEditor, type TextNode } from 'lexical';
import { describe, expect, it } from 'vitest';
import { markdownTransformers } from '../../../shared/lexical/markdown-transformers';
import { editorNodes } from '../../../shared/lexical/nodes';
import { $emptyLineAt, $insertMarkdown, $isInCode, looksLikeMarkdown } from './pasted-markdown';

describe('looksLikeMarkdown', () => {
  it.each([
    ['# Title\n\nBody', 'a heading'],
    ['Shopping\n- milk\n- eggs', 'a bulleted list'],
    ['Steps:\n1. Open it\n2) Close it', 'a numbered list'],
    ['> quoted\nafter', 'a quote'],
    ['Run this:\n```\nnpm start\n```', 'a code fence'],
    ['A **bold** claim', 'bold'],
    ['Call `make` first', 'inline code'],
    ['See [the guide](https://example.com/guide).', 'a link'],
  ])('takes %j as Markdown (%s)', (text) => {
    expect(looksLikeMarkdown(text)).toBe(true);
  });

  it.each([
    ['Just a sentence, nothing more.', 'prose'],
    ['Line one\nLine two\n\nLine four', 'lines of prose'],
    ['- see above', 'one line that starts like a bullet'],
    ['# not a heading on its own', 'one line that starts like a heading'],
    ['2 * 3 * 4 = 24\nsnake_case_name and other_name', 'arithmetic and identifiers'],
    ['#hashtag\n-5 degrees\n3.14 is pi', 'markers without their space'],
    ['Name\tQty\nApples\t3', 'a table copied as text'],
  ])('leaves %j as text (%s)', (text) => {
    expect(looksLikeMarkdown(text)).toBe(false);
  });
});

function editorWith(fill: () => void): LexicalEditor {
  const editor = createHeadlessEditor({ namespace: 'tandem', nodes: [...editorNodes], onError: (error) => { throw error; } });
  editor.update(fill, { discrete: true });
  return editor;
}

/** Pastes `markdown` at the selection inside an update of `editor`, as the paste command does. */
function paste(editor: LexicalEditor, markdown: string): void {
  editor.update(
    () => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) throw new Error('no range selection');
      $insertMarkdown(editor, markdown, selection);
    },
    { discrete: true },
  );
}

const markdownOf = (editor: LexicalEditor) => editor.getEditorState().read(() => $convertToMarkdownString([...markdownTransformers]));

describe('$insertMarkdown', () => {
  it('inserts headings, lists, quotes, code and inline formats as the Markdown import reads them, without empty lines', () => {
    const editor = editorWith(() => {
      $getRoot().append($createParagraphNode()).selectEnd();
    });
    const markdown = '## Plan\n\nWe **ship** on [Friday](https://example.com/f).\n\n- one\n- two\n\n> Quoted\n\n```js\nrun();\n```';
    paste(editor, markdown);
    expect(markdownOf(editor)).toBe(markdown);
    expect(editor.getEditorState().read(() => $getRoot().getChildren().map((node) => node.getType()))).toEqual(['heading', 'paragraph', 'list', 'quote', 'code']);
  });

  it('puts a one-paragraph paste into the sentence at the caret, with the caret after it', () => {
    const editor = editorWith(() => {
      const text = $createTextNode('Before  after');
      $getRoot().append($createParagraphNode().append(text));
      text.select(7, 7);
    });
    paste(editor, 'the **bold** bit');
    expect(markdownOf(editor)).toBe('Before the **bold** bit after');
    paste(editor, ',');
    expect(markdownOf(editor)).toBe('Before the **bold** bit, after');
  });

  it('turns Windows line ends into lines', () => {
    const editor = editorWith(() => {
      $getRoot().append($createParagraphNode()).selectEnd();
    });
    paste(editor, '# Title\r\n\r\n- a\r\n- b\r\n');
    expect(markdownOf(editor)).toBe('# Title\n\n- a\n- b');
  });
});

describe('$isInCode', () => {
  it('is true in a code block and false in a paragraph', () => {
    const editor = editorWith(() => {
      const code = $createCodeNode().append($createTextNode('x = 1'));
      $getRoot().append($createParagraphNode().append($createTextNode('text')), code);
    });
    const inCode = (pick: 'first' | 'last') => {
      let result: boolean | undefined;
      editor.update(
        () => {
          const block = pick === 'first' ? $getRoot().getFirstChildOrThrow() : $getRoot().getLastChildOrThrow();
          result = $isInCode(block.selectEnd());
        },
        { discrete: true },
      );
      return result;
    };
    expect(inCode('first')).toBe(false);
    expect(inCode('last')).toBe(true);
  });
});

describe('$emptyLineAt', () => {
  /** A document of one line, 'Notes', the caret at `offset`; then the Markdown inserted in a line of its own there. */
  function insertAsBlocksAt(offset: number | 'empty'): string {
    const editor = editorWith(() => {
      const paragraph = $createParagraphNode();
      $getRoot().append(paragraph);
      if (offset === 'empty') paragraph.select();
      else paragraph.append($createTextNode('Notes')).getFirstChild<TextNode>()!.select(offset, offset);
    });
    editor.update(
      () => {
        const selection = $getSelection();
        if (!$isRangeSelection(selection)) throw new Error('no range selection');
        $insertMarkdown(editor, '# Title\n\nText', $emptyLineAt(selection));
      },
      { discrete: true },
    );
    return markdownOf(editor);
  }

  it('puts blocks after a line whose end has the caret, and not into it', () => {
    expect(insertAsBlocksAt(5)).toBe('Notes\n\n# Title\n\nText');
  });

  it('puts them before a line whose start has the caret, and after one with the caret inside it', () => {
    expect(insertAsBlocksAt(0)).toBe('# Title\n\nText\n\nNotes');
    expect(insertAsBlocksAt(2)).toBe('Notes\n\n# Title\n\nText');
  });

  it('fills an empty line', () => {
    expect(insertAsBlocksAt('empty')).toBe('# Title\n\nText');
  });
});
