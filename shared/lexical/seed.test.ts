import { $createTextNode, $getRoot, $isParagraphNode } from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bindHeadlessEditor } from './headless-binding';
import { createSeedUpdate } from './seed';
import { seedUpdate } from './seed-update';
import { editorStateFromYDoc } from './yjs-to-editor-state';


const ONE_EMPTY_PARAGRAPH = [
  {
    children: [],
    direction: null,
    format: '',
    indent: 0,
    textFormat: 0,
    textStyle: '',
    type: 'paragraph',
    version: 1,
  },
];

describe('createSeedUpdate', () => {
  it('gives byte-identical updates on every call, the bytes the server seeds with', () => {
    // If a Lexical or Yjs upgrade changes what the editor writes, documents seeded before and after the upgrade
    // would each get their own paragraph: the server keeps seeding the stored bytes, and this test says so.
    const first = createSeedUpdate();
    expect(createSeedUpdate()).toEqual(first);
    expect(first).toEqual(seedUpdate());
  });

  it('holds exactly one empty paragraph', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, createSeedUpdate());
    expect(editorStateFromYDoc(doc).root.children).toEqual(ONE_EMPTY_PARAGRAPH);
  });

  it('leaves one paragraph when applied twice', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, createSeedUpdate());
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    Y.applyUpdate(doc, createSeedUpdate());
    expect(updates).toEqual([]);
    expect(editorStateFromYDoc(doc).root.children).toEqual(ONE_EMPTY_PARAGRAPH);
  });

  it('leaves one paragraph when two server instances seed the same document at once', () => {
    const instanceA = new Y.Doc();
    const instanceB = new Y.Doc();
    Y.applyUpdate(instanceA, createSeedUpdate());
    Y.applyUpdate(instanceB, createSeedUpdate());
    Y.applyUpdate(instanceA, Y.encodeStateAsUpdate(instanceB));
    expect(editorStateFromYDoc(instanceA).root.children).toEqual(ONE_EMPTY_PARAGRAPH);
  });

  it('gives a browser-like binding one paragraph it can type into', () => {
    const server = new Y.Doc();
    Y.applyUpdate(server, createSeedUpdate());
    const browser = bindHeadlessEditor(new Y.Doc());
    Y.applyUpdate(browser.doc, Y.encodeStateAsUpdate(server));

    expect(browser.editor.read(() => $getRoot().getChildrenSize())).toBe(1);
    const typed = browser.update(() => {
      const paragraph = $getRoot().getFirstChildOrThrow();
      if (!$isParagraphNode(paragraph)) throw new Error('expected a paragraph');
      paragraph.append($createTextNode('typed'));
    }, null);
    Y.applyUpdate(server, typed!);

    const children = editorStateFromYDoc(server).root.children;
    expect(children).toHaveLength(1);
    expect(children[0]).toMatchObject({ type: 'paragraph', children: [{ type: 'text', text: 'typed' }] });
  });
});
