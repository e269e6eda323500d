import { createHeadlessEditor } from '@lexical/headless';
import { $createHeadingNode } from '@lexical/rich-text';
import { createBinding, syncLexicalUpdateToYjs, type Binding, type Provider } from '@lexical/yjs';
import { $createParagraphNode, $createTextNode, $getRoot, type ElementNode, type LexicalEditor, type TextNode } from 'lexical';
import { describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { editorNodes } from '../../../shared/lexical/nodes';
import { lines } from '../test-support/lexical-yjs-layout';
import { syncChangedBlocksOnly } from './sync-changed-blocks-only';

/** A headless editor bound to a fresh Y.Doc the way the page binds it, with blocks only the changed blocks reach. */
function boundEditor(): { editor: LexicalEditor; doc: Y.Doc; binding: Binding } {
  const editor = createHeadlessEditor({ nodes: [...editorNodes], onError: (error) => { throw error; } });
  const doc = new Y.Doc();
  // The binding reads the local caret from the provider's awareness; nothing here connects anywhere.
  const provider = { awareness: new Awareness(doc) } as unknown as Provider;
  const binding = createBinding(editor, provider, 'root', doc, new Map([['root', doc]]));
  syncChangedBlocksOnly(binding);
  editor.registerUpdateListener(({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) => {
    syncLexicalUpdateToYjs(binding, provider, prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags);
  });
  return { editor, doc, binding };
}

function update(editor: LexicalEditor, change: () => void): void {
  editor.update(change, { discrete: true });
}

function paragraphs(count: number): () => void {
  return () => {
    for (let i = 0; i < count; i++) $getRoot().append($createParagraphNode().append($createTextNode(`line ${i}`)));
  };
}

const block = (index: number): ElementNode => $getRoot().getChildAtIndex<ElementNode>(index)!;
const textOf = (element: ElementNode): TextNode => element.getFirstChild<TextNode>()!;

describe('syncChangedBlocksOnly', () => {
  it('compares only the block a keystroke changed with its shared copy', () => {
    const { editor, doc, binding } = boundEditor();
    update(editor, paragraphs(200));
    const elementClass = Object.getPrototypeOf(binding.root) as { syncPropertiesFromLexical: (...args: unknown[]) => void };
    const compare = elementClass.syncPropertiesFromLexical;
    let compared = 0;
    elementClass.syncPropertiesFromLexical = function (this: unknown, ...args: unknown[]) {
      compared++;
      compare.apply(this, args);
    };
    try {
      update(editor, () => textOf(block(100)).setTextContent('line 100 and more'));
    } finally {
      elementClass.syncPropertiesFromLexical = compare;
    }
    // The root and the one paragraph; without the patch, every paragraph of the 200.
    expect(compared).toBe(2);
    expect(lines(doc)[100]).toBe('line 100 and more');
    expect(lines(doc)).toHaveLength(200);
  });

  it('still writes every kind of change: text, a split, a join, a new block type, a removal', () => {
    const { editor, doc } = boundEditor();
    update(editor, paragraphs(5));
    update(editor, () => textOf(block(2)).setTextContent('middle'));
    update(editor, () => block(2).insertAfter($createParagraphNode().append($createTextNode('new after middle'))));
    update(editor, () => {
      const joined = block(4);
      block(3).append(...joined.getChildren());
      joined.remove();
    });
    update(editor, () => block(0).replace($createHeadingNode('h1'), true));
    update(editor, () => block(1).remove());
    const text = editor.getEditorState().read(() => $getRoot().getChildren().map((child) => child.getTextContent()));
    expect(text).toEqual(['line 0', 'middle', 'new after middleline 3', 'line 4']);
    expect(lines(doc)).toEqual(text);

    // Another page reading the shared document sees the same.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect(lines(copy)).toEqual(text);
  });
});
