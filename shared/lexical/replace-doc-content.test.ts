import { $createParagraphNode, $createTextNode, $getRoot, type SerializedEditorState } from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ConversionError } from './conversion-error';
import { EVERY_FORMAT_MARKDOWN } from './conversion-fixtures';
import { editorStateToMarkdown } from './editor-state-to-markdown';
import { editorStateToText } from './editor-state-to-text';
import { bindHeadlessEditor } from './headless-binding';
import { markdownToEditorState } from './markdown-to-editor-state';
import { replaceDocContent, replaceDocContentFromYjs } from './replace-doc-content';
import { createSeedUpdate } from './seed';
import { editorStateFromYDoc } from './yjs-to-editor-state';

/** A server doc and a browser's doc with a bound editor, connected by forwarding updates both ways. */
function serverWithBrowser(): { server: Y.Doc; browser: ReturnType<typeof bindHeadlessEditor> } {
  const server = new Y.Doc();
  Y.applyUpdate(server, createSeedUpdate());
  const browser = bindHeadlessEditor(new Y.Doc());
  const wire = Symbol('wire');
  server.on('update', (u: Uint8Array, origin: unknown) => origin !== wire && Y.applyUpdate(browser.doc, u, wire));
  browser.doc.on('update', (u: Uint8Array, origin: unknown) => origin !== wire && Y.applyUpdate(server, u, wire));
  Y.applyUpdate(browser.doc, Y.encodeStateAsUpdate(server), wire);
  return { server, browser };
}

function docWithText(...paragraphs: string[]): Y.Doc {
  const binding = bindHeadlessEditor(new Y.Doc());
  binding.update(() => {
    for (const text of paragraphs) $getRoot().append($createParagraphNode().append($createTextNode(text)));
  }, null);
  binding.destroy();
  return binding.doc;
}

describe('replaceDocContent', () => {
  it('gives back the same Lexical JSON after a trip through a Y.Doc', () => {
    const state = markdownToEditorState(EVERY_FORMAT_MARKDOWN);
    const doc = new Y.Doc();
    replaceDocContent(doc, { format: 'json', state }, null);
    expect(editorStateFromYDoc(doc)).toEqual(state);
    const again = new Y.Doc();
    replaceDocContent(again, { format: 'json', state: JSON.stringify(state) }, null);
    expect(editorStateFromYDoc(again)).toEqual(state);
  });

  it('leaves only the new content in a doc that had some', () => {
    const doc = docWithText('old one', 'old two', 'old three');
    replaceDocContent(doc, { format: 'markdown', text: '# New\n\nnew body' }, null);
    expect(editorStateToText(editorStateFromYDoc(doc))).toBe('New\n\nnew body');
    replaceDocContent(doc, { format: 'markdown', text: 'newest' }, null);
    expect(editorStateToMarkdown(editorStateFromYDoc(doc))).toBe('newest');
  });

  it("applies one update whose origin is the caller's, and returns it", () => {
    const doc = docWithText('old');
    const seen: Array<{ update: Uint8Array; origin: unknown }> = [];
    doc.on('update', (update: Uint8Array, origin: unknown) => seen.push({ update, origin }));
    const admin = { kind: 'admin' };

    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));

    const update = replaceDocContent(doc, { format: 'markdown', text: 'new' }, admin);

    expect(seen).toHaveLength(1);
    expect(seen[0]?.origin).toBe(admin);
    expect(seen[0]?.update).toEqual(update);
    // What a peer or the storage log needs: the returned update alone brings a replica to the new content.
    Y.applyUpdate(replica, update);
    expect(editorStateToText(editorStateFromYDoc(replica))).toBe('new');
  });

  it('shows the imported content in an editor that has the doc open', () => {
    const { server, browser } = serverWithBrowser();
    browser.update(() => {
      $getRoot().getFirstChildOrThrow<ReturnType<typeof $createParagraphNode>>().append($createTextNode('typing'));
    }, null);
    expect(editorStateToText(editorStateFromYDoc(server))).toBe('typing');

    replaceDocContent(server, { format: 'markdown', text: EVERY_FORMAT_MARKDOWN }, { kind: 'admin' });

    expect(browser.editor.getEditorState().toJSON()).toEqual(editorStateFromYDoc(server));
    expect(editorStateToMarkdown(browser.editor)).toBe(EVERY_FORMAT_MARKDOWN);
  });

  it('lets an open editor go on typing into the imported content', () => {
    const { server, browser } = serverWithBrowser();
    replaceDocContent(server, { format: 'markdown', text: 'imported' }, null);
    browser.update(() => {
      $getRoot().append($createParagraphNode().append($createTextNode('after')));
    }, null);
    expect(editorStateToText(editorStateFromYDoc(server))).toBe('imported\n\nafter');
  });

  it('replaces with a full Yjs state, such as a stored snapshot', () => {
    const doc = docWithText('version one');
    const snapshot = Y.encodeStateAsUpdate(doc);
    replaceDocContent(doc, { format: 'markdown', text: 'version two' }, null);

    replaceDocContentFromYjs(doc, snapshot, { kind: 'admin' });

    expect(editorStateToText(editorStateFromYDoc(doc))).toBe('version one');
  });

  it('carries every format over from a Yjs state', () => {
    const version = new Y.Doc();
    replaceDocContent(version, { format: 'markdown', text: EVERY_FORMAT_MARKDOWN }, null);
    const { server, browser } = serverWithBrowser();

    replaceDocContentFromYjs(server, Y.encodeStateAsUpdate(version), { kind: 'admin' });

    expect(editorStateFromYDoc(server)).toEqual(editorStateFromYDoc(version));
    expect(browser.editor.getEditorState().toJSON()).toEqual(editorStateFromYDoc(version));
  });

  describe('rejects a bad source with ConversionError and leaves the doc alone', () => {
    const cases: Array<[string, () => (doc: Y.Doc) => unknown]> = [
      ['text that is not JSON', () => (doc) => replaceDocContent(doc, { format: 'json', state: '{"root":' }, null)],
      ['JSON that is not an editor state', () => (doc) => json(doc, { hello: 'world' })],
      ['a root without children', () => (doc) => json(doc, { root: { type: 'root' } })],
      ['an unknown node type', () => (doc) => json(doc, rootWith([{ type: 'table', version: 1, children: [] }]))],
      ['text directly under the root', () => (doc) => json(doc, rootWith([textNode('loose')]))],
      ['a list item outside a list', () => (doc) => json(doc, rootWith([{ ...block('listitem'), value: 1 }]))],
      ['an unknown import format', () => (doc) => replaceDocContent(doc, { format: 'docx' } as never, null)],
      ['bytes that are not a Yjs update', () => (doc) => replaceDocContentFromYjs(doc, new Uint8Array([1, 2, 3]), null)],
      ['an incomplete Yjs update', () => (doc) => replaceDocContentFromYjs(doc, laterUpdateOnly(), null)],
      ['a Yjs update of something else', () => (doc) => replaceDocContentFromYjs(doc, foreignYjsUpdate(), null)],
    ];
    it.each(cases)('%s', (_name, attempt) => {
      const doc = docWithText('keep me');
      const before = Y.encodeStateAsUpdate(doc);
      expect(() => attempt()(doc)).toThrow(ConversionError);
      expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    });

    it('names an unknown node type and where it is, not a minified Lexical error', () => {
      const nested = rootWith([{ ...block('paragraph'), children: [textNode('ok'), { type: 'mention', version: 1 }] }]);
      expect(() => json(new Y.Doc(), nested)).toThrow(/^root\.children\[0\]\.children\[1\] has type "mention", which Tandem does not know \(it knows .*paragraph.*\)$/);
    });
  });
});

function json(doc: Y.Doc, state: unknown): unknown {
  return replaceDocContent(doc, { format: 'json', state: state as SerializedEditorState }, null);
}

function rootWith(children: unknown[]): unknown {
  return { root: { type: 'root', version: 1, children, direction: null, format: '', indent: 0 } };
}

function block(type: string): Record<string, unknown> {
  return { type, version: 1, children: [textNode('x')], direction: null, format: '', indent: 0 };
}

function textNode(text: string): Record<string, unknown> {
  return { type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' };
}

/** A Yjs document whose 'root' is a map, not a Lexical root. */
function foreignYjsUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('root').set('title', 'not an editor');
  return Y.encodeStateAsUpdate(doc);
}

/** An update that builds on earlier state it does not include. */
function laterUpdateOnly(): Uint8Array {
  const doc = docWithText('first');
  const before = Y.encodeStateVector(doc);
  const binding = bindHeadlessEditor(doc);
  binding.update(() => $getRoot().append($createParagraphNode().append($createTextNode('second'))), null);
  return Y.encodeStateAsUpdate(doc, before);
}
