import { createHeadlessEditor } from '@lexical/headless';
import { $insertList, $isListNode, INSERT_CHECK_LIST_COMMAND, registerList } from '@lexical/list';
import { $createCodeNode, $isCodeNode } from '@lexical/code';
import {
  $createLineBreakNode,
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  COMMAND_PRIORITY_LOW,
  type ElementNode,
  type LexicalEditor,
  type TextNode,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import { editorNodes } from '../../../shared/lexical/nodes';
import { toggleBlockType } from './block-type';

function newEditor(fill: () => void): LexicalEditor {
  const editor = createHeadlessEditor({ nodes: [...editorNodes], onError: (error) => { throw error; } });
  registerList(editor);
  // The check list command as CheckListPlugin registers it (registerCheckList needs a DOM root).
  editor.registerCommand(INSERT_CHECK_LIST_COMMAND, () => ($insertList('check'), true), COMMAND_PRIORITY_LOW);
  editor.update(fill, { discrete: true });
  return editor;
}

/** Paragraphs of `lines`, with the selection from the start of the first to the end of the last. */
function paragraphsSelected(lines: string[]): LexicalEditor {
  return newEditor(() => {
    const paragraphs = lines.map((line) => $createParagraphNode().append($createTextNode(line)));
    $getRoot().clear().append(...paragraphs);
    const selection = paragraphs[0]!.getFirstChild<TextNode>()!.select(0, 0);
    const lastText = paragraphs.at(-1)!.getFirstChild<TextNode>()!;
    selection.focus.set(lastText.getKey(), lastText.getTextContentSize(), 'text');
  });
}

/** One code block holding `lines`, the caret in its last line. */
function codeBlock(lines: string[]): LexicalEditor {
  return newEditor(() => {
    const code = $createCodeNode();
    for (const [index, line] of lines.entries()) {
      if (index > 0) code.append($createLineBreakNode());
      if (line !== '') code.append($createTextNode(line));
    }
    $getRoot().clear().append(code);
    code.selectEnd();
  });
}

/** The top-level blocks, each as its type and its text (a line break as "\n"). */
function blocks(editor: LexicalEditor): string[] {
  editor.update(() => undefined, { discrete: true });
  return editor.getEditorState().read(() =>
    $getRoot()
      .getChildren<ElementNode>()
      .map((block) => `${block.getType() === 'heading' ? (block as unknown as { getTag(): string }).getTag() : block.getType()}:${block.getTextContent()}`),
  );
}

describe('making selected paragraphs a code block', () => {
  it('gives one code block with a line for each paragraph, not a block per paragraph', () => {
    const editor = paragraphsSelected(['npm install', 'npm run build', 'npm start']);
    toggleBlockType(editor, 'codeblock', 'paragraph');
    expect(blocks(editor)).toEqual(['code:npm install\nnpm run build\nnpm start']);
    const selected = editor.getEditorState().read(() => $getSelection()?.getTextContent());
    expect(selected).toBe('npm install\nnpm run build\nnpm start');
  });

  it('leaves a paragraph the selection only touches at its start out of the block', () => {
    const editor = newEditor(() => {
      const paragraphs = ['one', 'two', 'after'].map((line) => $createParagraphNode().append($createTextNode(line)));
      $getRoot().clear().append(...paragraphs);
      const selection = paragraphs[0]!.getFirstChild<TextNode>()!.select(0, 0);
      selection.focus.set(paragraphs[2]!.getFirstChild<TextNode>()!.getKey(), 0, 'text');
    });
    toggleBlockType(editor, 'codeblock', 'paragraph');
    expect(blocks(editor)).toEqual(['code:one\ntwo', 'paragraph:after']);
  });

  it('keeps an empty paragraph among them as an empty line', () => {
    const editor = newEditor(() => {
      const first = $createParagraphNode().append($createTextNode('a'));
      const last = $createParagraphNode().append($createTextNode('b'));
      $getRoot().clear().append(first, $createParagraphNode(), last);
      const selection = first.getFirstChild<TextNode>()!.select(0, 0);
      selection.focus.set(last.getFirstChild<TextNode>()!.getKey(), 1, 'text');
    });
    toggleBlockType(editor, 'codeblock', 'paragraph');
    expect(blocks(editor)).toEqual(['code:a\n\nb']);
  });
});

describe('turning a code block back into text', () => {
  it('gives a paragraph per line, not one paragraph of soft line breaks', () => {
    const editor = codeBlock(['line a', '', 'line c']);
    toggleBlockType(editor, 'codeblock', 'codeblock');
    expect(blocks(editor)).toEqual(['paragraph:line a', 'paragraph:', 'paragraph:line c']);
    const caretIn = editor.getEditorState().read(() => {
      const selection = $getSelection();
      return $isRangeSelection(selection) ? selection.anchor.getNode().getTextContent() : null;
    });
    expect(caretIn).toBe('line c');
  });

  it('gives a heading per line when a code block is made a heading', () => {
    const editor = codeBlock(['Title', 'Subtitle']);
    toggleBlockType(editor, 'h2', 'codeblock');
    expect(blocks(editor)).toEqual(['h2:Title', 'h2:Subtitle']);
  });

  it('round-trips: paragraphs to a code block and back are the same paragraphs', () => {
    const editor = paragraphsSelected(['x = 1', 'y = 2']);
    toggleBlockType(editor, 'codeblock', 'paragraph');
    toggleBlockType(editor, 'codeblock', 'codeblock');
    expect(blocks(editor)).toEqual(['paragraph:x = 1', 'paragraph:y = 2']);
    expect(editor.getEditorState().read(() => $getRoot().getChildren().some($isCodeNode))).toBe(false);
  });
});

describe('making a code block a list', () => {
  /** The items of each top-level list, by their text. */
  function listItems(editor: LexicalEditor): string[][] {
    editor.update(() => undefined, { discrete: true });
    return editor.getEditorState().read(() =>
      $getRoot()
        .getChildren()
        .filter($isListNode)
        .map((list) => list.getChildren().map((item) => item.getTextContent())),
    );
  }

  it.each(['bullet', 'number', 'check'] as const)('gives a %s item per line, wherever the caret is in the block', (type) => {
    const editor = codeBlock(['milk', 'eggs', 'bread']);
    toggleBlockType(editor, type, 'codeblock');
    expect(listItems(editor)).toEqual([['milk', 'eggs', 'bread']]);
  });

  it('takes a paragraph selected with the code block into the same list', () => {
    const editor = newEditor(() => {
      const code = $createCodeNode().append($createTextNode('one'), $createLineBreakNode(), $createTextNode('two'));
      const after = $createParagraphNode().append($createTextNode('three'));
      $getRoot().clear().append(code, after);
      const selection = code.getFirstChild<TextNode>()!.select(1, 1);
      selection.focus.set(after.getFirstChild<TextNode>()!.getKey(), 2, 'text');
    });
    toggleBlockType(editor, 'bullet', 'codeblock');
    expect(listItems(editor)).toEqual([['one', 'two', 'three']]);
  });
});
