import { createHeadlessEditor } from '@lexical/headless';
import { $createListItemNode, $createListNode, $isListItemNode, $isListNode, registerList, type ListItemNode, type ListNode } from '@lexical/list';
import { $createHeadingNode } from '@lexical/rich-text';
import { createBinding, syncLexicalUpdateToYjs, syncYjsChangesToLexical, type Provider } from '@lexical/yjs';
import { $createTextNode, $getRoot, type ElementNode, type LexicalEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { editorNodes } from '../../../shared/lexical/nodes';
import { $keepListNumbers, $replaceListItem } from './list-item-to-block';

/** A headless editor bound both ways to `doc`, as the page binds its editor. */
function boundEditor(doc: Y.Doc): LexicalEditor {
  const editor = createHeadlessEditor({ nodes: [...editorNodes], onError: (error) => { throw error; } });
  registerList(editor);
  const provider = { awareness: new Awareness(doc) } as unknown as Provider;
  const binding = createBinding(editor, provider, 'root', doc, new Map([['root', doc]]));
  editor.registerUpdateListener(({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) => {
    syncLexicalUpdateToYjs(binding, provider, prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags);
  });
  binding.root.getSharedType().observeDeep((events, transaction) => {
    if (transaction.origin !== binding) syncYjsChangesToLexical(binding, provider, events, false);
  });
  return editor;
}

function update(editor: LexicalEditor, change: () => void): void {
  editor.update(change, { discrete: true });
}

const ITEMS = ['one', 'two', 'three', 'four', 'five', 'six'];

function $numberedList(items: readonly string[]): ListNode {
  const list = $createListNode('number');
  for (const item of items) list.append($createListItemNode().append($createTextNode(item)));
  return list;
}

/** Top-level blocks as "type:text", list items joined by "|" and a numbered list's first number in brackets. */
function blocks(editor: LexicalEditor): string[] {
  update(editor, () => undefined);
  return editor.getEditorState().read(() =>
    $getRoot()
      .getChildren<ElementNode>()
      .map((block) => {
        const text = block.getChildren().map((child) => child.getTextContent()).join('|');
        if ($isListNode(block)) return `list[${block.getStart()}]:${text}`;
        return `${block.getType()}:${text}`;
      }),
  );
}

/** The item whose text is `text` in the document's (first) list that holds it. */
function $item(text: string): ListItemNode {
  for (const block of $getRoot().getChildren()) {
    if (!$isListNode(block)) continue;
    const item = block.getChildren().find((child) => child.getTextContent() === text);
    if ($isListItemNode(item)) return item;
  }
  throw new Error(`no item "${text}"`);
}

describe('$replaceListItem', () => {
  it('splits the list around the item and goes on counting after it', () => {
    const editor = boundEditor(new Y.Doc());
    update(editor, () => $getRoot().clear().append($numberedList(ITEMS)));
    update(editor, () => $keepListNumbers(() => $replaceListItem($item('four'), $createHeadingNode('h2'))));
    expect(blocks(editor)).toEqual(['list[1]:one|two|three', 'heading:four', 'list[5]:five|six']);
    update(editor, () => $keepListNumbers(() => $replaceListItem($item('two'), $createHeadingNode('h1'))));
    expect(blocks(editor)).toEqual(['list[1]:one', 'heading:two', 'list[3]:three', 'heading:four', 'list[5]:five|six']);
  });

  it("keeps the item's sub-items nested at the head of the list below it, whose items go on numbered", () => {
    const editor = boundEditor(new Y.Doc());
    update(editor, () => {
      const subItems = $numberedList(['sub a', 'sub b']);
      const list = $numberedList(['one', 'two', 'three']);
      list.getFirstChildOrThrow<ElementNode>().insertAfter($createListItemNode().append(subItems));
      $getRoot().clear().append(list);
    });
    update(editor, () => $keepListNumbers(() => $replaceListItem($item('one'), $createHeadingNode('h1'))));
    expect(blocks(editor)).toEqual(['heading:one', 'list[2]:sub a\n\nsub b|two|three']);
  });

  it('leaves no empty list when the item was the only one, the first or the last', () => {
    const editor = boundEditor(new Y.Doc());
    update(editor, () => $getRoot().clear().append($numberedList(['a', 'b'])));
    update(editor, () => $replaceListItem($item('a'), $createHeadingNode('h1')));
    update(editor, () => $replaceListItem($item('b'), $createHeadingNode('h2')));
    expect(blocks(editor)).toEqual(['heading:a', 'heading:b']);
  });

  it('keeps every item once when two people split one list at once, one near its top and one near its bottom', () => {
    const annDoc = new Y.Doc();
    const benDoc = new Y.Doc();
    const ann = boundEditor(annDoc);
    const ben = boundEditor(benDoc);
    update(ann, () => $getRoot().clear().append($numberedList(ITEMS)));
    Y.applyUpdate(benDoc, Y.encodeStateAsUpdate(annDoc));
    expect(blocks(ben)).toEqual(['list[1]:one|two|three|four|five|six']);
    // Each changes an item before hearing of the other's change.
    update(ann, () => $replaceListItem($item('two'), $createHeadingNode('h1')));
    update(ben, () => $replaceListItem($item('five'), $createHeadingNode('h2')));
    const annUpdate = Y.encodeStateAsUpdate(annDoc, Y.encodeStateVector(benDoc));
    const benUpdate = Y.encodeStateAsUpdate(benDoc, Y.encodeStateVector(annDoc));
    Y.applyUpdate(benDoc, annUpdate);
    Y.applyUpdate(annDoc, benUpdate);
    const texts = (editor: LexicalEditor) => blocks(editor).flatMap((block) => block.slice(block.indexOf(':') + 1).split('|'));
    expect(texts(ann)).toEqual(ITEMS);
    expect(texts(ben)).toEqual(ITEMS);
    expect(blocks(ann)).toEqual(blocks(ben));
  });
});
