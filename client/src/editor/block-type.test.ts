import { createHeadlessEditor } from '@lexical/headless';
import { $createListItemNode, $createListNode, $isListNode, registerList } from '@lexical/list';
import { $createTextNode, $getRoot, type ElementNode, type LexicalEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import { editorNodes } from '../../../shared/lexical/nodes';
import { toggleBlockType } from './block-type';

/** An editor holding one numbered list of `items`, the caret in the item at `caretAt`. */
function listEditor(items: string[], caretAt: number): LexicalEditor {
  const editor = createHeadlessEditor({ nodes: [...editorNodes], onError: (error) => { throw error; } });
  registerList(editor);
  editor.update(
    () => {
      const list = $createListNode('number');
      for (const item of items) list.append($createListItemNode().append($createTextNode(item)));
      $getRoot().clear().append(list);
      list.getChildAtIndex<ElementNode>(caretAt)!.selectEnd();
    },
    { discrete: true },
  );
  return editor;
}

/** The document's top-level blocks, once pending updates are committed,, each as its type and its text (list items joined by "|"). */
function blocks(editor: LexicalEditor): string[] {
  editor.update(() => undefined, { discrete: true });
  return editor.getEditorState().read(() =>
    $getRoot()
      .getChildren<ElementNode>()
      .map((block) => `${block.getType() === 'heading' ? (block as unknown as { getTag(): string }).getTag() : block.getType()}:${block.getChildren().map((child) => child.getTextContent()).join('|')}`),
  );
}

describe('toggleBlockType in a list', () => {
  it('turns only the item with the caret into a heading, and the items around it stay numbered', () => {
    const editor = listEditor(['eggs', 'milk', 'Dairy section', 'bread'], 2);
    toggleBlockType(editor, 'h3', 'number');
    expect(blocks(editor)).toEqual(['list:eggs|milk', 'h3:Dairy section', 'list:bread']);
  });

  it('takes only the item with the caret out of the list when its list button is pressed again', () => {
    const editor = listEditor(['one', 'two', 'three'], 1);
    toggleBlockType(editor, 'number', 'number');
    expect(blocks(editor)).toEqual(['list:one', 'paragraph:two', 'list:three']);
  });

  it('turns the first or the last item into normal text next to the rest of the list', () => {
    const first = listEditor(['one', 'two', 'three'], 0);
    toggleBlockType(first, 'paragraph', 'number');
    expect(blocks(first)).toEqual(['paragraph:one', 'list:two|three']);
    const last = listEditor(['one', 'two', 'three'], 2);
    toggleBlockType(last, 'quote', 'number');
    expect(blocks(last)).toEqual(['list:one|two', 'quote:three']);
  });
});

describe('toggleBlockType over a whole list', () => {
  it('turns every selected item into normal text and leaves no empty list behind', () => {
    const editor = listEditor(['one', 'two', 'three'], 0);
    editor.update(
      () => {
        const list = $getRoot().getFirstChild<ElementNode>()!;
        list.getFirstChild<ElementNode>()!.select(0, 0);
        const selection = list.getLastChild<ElementNode>()!.selectEnd();
        selection.anchor.set(list.getFirstChild<ElementNode>()!.getKey(), 0, 'element');
      },
      { discrete: true },
    );
    toggleBlockType(editor, 'number', 'number');
    expect(blocks(editor)).toEqual(['paragraph:one', 'paragraph:two', 'paragraph:three']);
  });
});

describe('toggleBlockType keeps the numbers of the items it leaves in a list', () => {
  it('after two items made headings at once, the items below them keep their numbers', () => {
    const editor = listEditor(['one', 'two', 'three', 'four', 'five'], 1);
    editor.update(
      () => {
        const list = $getRoot().getFirstChild<ElementNode>()!;
        const selection = list.getChildAtIndex<ElementNode>(2)!.selectEnd();
        selection.anchor.set(list.getChildAtIndex<ElementNode>(1)!.getKey(), 0, 'element');
      },
      { discrete: true },
    );
    toggleBlockType(editor, 'h1', 'number');
    expect(blocks(editor)).toEqual(['list:one', 'h1:two', 'h1:three', 'list:four|five']);
    const starts = editor.getEditorState().read(() => $getRoot().getChildren().filter($isListNode).map((list) => list.getStart()));
    expect(starts).toEqual([1, 4]);
  });
});

