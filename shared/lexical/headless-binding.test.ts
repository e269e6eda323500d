import { $createParagraphNode, $createTextNode, $getRoot, $isElementNode } from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bindHeadlessEditor } from './headless-binding';

/** Two peers that forward every update to each other, like two browsers behind one server. */
function connect(a: Y.Doc, b: Y.Doc): void {
  const wire = Symbol('wire');
  a.on('update', (update: Uint8Array, origin: unknown) => origin !== wire && Y.applyUpdate(b, update, wire));
  b.on('update', (update: Uint8Array, origin: unknown) => origin !== wire && Y.applyUpdate(a, update, wire));
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a), wire);
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b), wire);
}

function textOf(binding: ReturnType<typeof bindHeadlessEditor>): string {
  return binding.editor.read(() => $getRoot().getTextContent());
}

function $appendParagraph(text: string): void {
  $getRoot().append($createParagraphNode().append($createTextNode(text)));
}

describe('bindHeadlessEditor', () => {
  it("writes an edit in one transaction carrying the caller's origin and returns that update", () => {
    const doc = new Y.Doc();
    const binding = bindHeadlessEditor(doc);
    const seen: Array<{ update: Uint8Array; origin: unknown }> = [];
    doc.on('update', (update: Uint8Array, origin: unknown) => seen.push({ update, origin }));
    const admin = { kind: 'admin' };

    const produced = binding.update(() => $appendParagraph('hello'), admin);

    expect(seen).toHaveLength(1);
    expect(seen[0]?.origin).toBe(admin);
    expect(produced).toEqual(seen[0]?.update);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, produced!);
    expect(copy.get('root', Y.XmlText).toDelta()).toHaveLength(1);
  });

  it('returns null for an update that changes nothing', () => {
    const binding = bindHeadlessEditor(new Y.Doc());
    binding.update(() => $appendParagraph('x'), null);
    expect(binding.update(() => {}, null)).toBeNull();
  });

  it('writes nothing from an update that throws, and stays usable', () => {
    const binding = bindHeadlessEditor(new Y.Doc());
    binding.update(() => $appendParagraph('kept'), null);
    const before = Y.encodeStateAsUpdate(binding.doc);

    expect(() =>
      binding.update(() => {
        $appendParagraph('dropped');
        throw new Error('boom');
      }, null),
    ).toThrow('boom');

    expect(Y.encodeStateAsUpdate(binding.doc)).toEqual(before);
    expect(textOf(binding)).toBe('kept');
    binding.update(() => $appendParagraph('next'), null);
    expect(textOf(binding)).toBe('kept\n\nnext');
  });

  it('loads content that is already in the doc when it binds', () => {
    const writer = bindHeadlessEditor(new Y.Doc());
    writer.update(() => {
      $appendParagraph('one');
      $appendParagraph('two');
    }, null);
    const reader = bindHeadlessEditor(new Y.Doc());
    Y.applyUpdate(reader.doc, Y.encodeStateAsUpdate(writer.doc));
    const late = new Y.Doc();
    Y.applyUpdate(late, Y.encodeStateAsUpdate(writer.doc));

    expect(textOf(reader)).toBe('one\n\ntwo');
    expect(textOf(bindHeadlessEditor(late))).toBe('one\n\ntwo');
  });

  it('shows a peer’s edit synchronously, and sends its own edits to the peer', () => {
    const alice = bindHeadlessEditor(new Y.Doc());
    const bob = bindHeadlessEditor(new Y.Doc());
    connect(alice.doc, bob.doc);

    alice.update(() => $appendParagraph('from alice'), null);
    expect(textOf(bob)).toBe('from alice');

    bob.update(() => {
      const paragraph = $getRoot().getFirstChild();
      if ($isElementNode(paragraph)) paragraph.append($createTextNode(' and bob'));
    }, null);
    expect(textOf(alice)).toBe('from alice and bob');
  });

  it('stops following the doc once destroyed', () => {
    const writer = bindHeadlessEditor(new Y.Doc());
    const reader = bindHeadlessEditor(new Y.Doc());
    connect(writer.doc, reader.doc);
    reader.destroy();
    writer.update(() => $appendParagraph('later'), null);
    expect(textOf(reader)).toBe('');
  });
});
