import { Window } from 'happy-dom';
import { $createListItemNode, $createListNode } from '@lexical/list';
import { $createTextNode, $getRoot, type ElementNode } from 'lexical';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EVERY_FORMAT_MARKDOWN } from './conversion-fixtures';
import { createConversionEditor } from './conversion-editor';
import { ConversionError } from './conversion-error';
import { editorStateToHtml } from './editor-state-to-html';
import { editorStateToText } from './editor-state-to-text';
import { editorStateToMarkdown } from './editor-state-to-markdown';
import { bindHeadlessEditor } from './headless-binding';
import { markdownToEditorState } from './markdown-to-editor-state';
import { replaceDocContent } from './replace-doc-content';
import { editorFromYDoc, editorStateFromYDoc, editorStateFromYjsUpdate } from './yjs-to-editor-state';

const window = new Window();
afterAll(() => window.happyDOM.close());

function formattedDoc(): Y.Doc {
  const doc = new Y.Doc();
  replaceDocContent(doc, { format: 'markdown', text: EVERY_FORMAT_MARKDOWN }, null);
  return doc;
}

function parse(html: string): DocumentFragment {
  const template = window.document.createElement('template');
  template.innerHTML = html;
  return template.content as unknown as DocumentFragment;
}

describe('HTML export', () => {
  it('renders every format as its HTML element', () => {
    const html = parse(editorStateToHtml(editorStateFromYDoc(formattedDoc()), window));
    const texts = (selector: string) => Array.from(html.querySelectorAll(selector), (el) => el.textContent);

    expect(texts('h1')).toEqual(['Heading one']);
    expect(texts('h2')).toEqual(['Heading two']);
    expect(texts('h3')).toEqual(['Heading three']);
    expect(texts('strong')).toEqual(expect.arrayContaining(['bold', 'underlined bold']));
    expect(texts('em')).toEqual(expect.arrayContaining(['italic']));
    expect(texts('u')).toEqual(expect.arrayContaining(['underline', 'underlined bold']));
    expect(texts('s')).toEqual(['strikethrough']);
    expect(texts('p > code')).toEqual(['inline code']);
    expect(html.querySelector('a')?.getAttribute('href')).toBe('https://example.com/path?q=1');
    expect(texts('blockquote')).toEqual(['A quote with emphasis.']);
    expect(texts('ul > li')).toEqual(expect.arrayContaining(['bullet one', 'open task', 'done task']));
    expect(texts('ul ul > li')).toEqual(['nested bullet']);
    expect(texts('ol > li')).toEqual(['first', 'second']);
    // A check list is a GitHub task list: real (disabled) checkboxes, none of Lexical's internal attributes.
    expect(Array.from(html.querySelectorAll('ul.contains-task-list > li.task-list-item > input[type=checkbox][disabled]'), (box) => box.hasAttribute('checked'))).toEqual([
      false,
      true,
    ]);
    expect(html.querySelector('[__lexicallisttype], [role=checkbox]')).toBeNull();
    // A bullet has no number: Lexical's `value` on every <li> only means something in a numbered list.
    expect(html.querySelector('ul li[value]')).toBeNull();
    expect(Array.from(html.querySelectorAll('ol > li'), (item) => item.getAttribute('value'))).toEqual(['1', '2']);
    const code = html.querySelector('pre > code');
    expect(code?.className).toBe('language-ts');
    // Named in the block's corner, as the editor does (the page's stylesheet shows data-language).
    expect(html.querySelector('pre')?.getAttribute('data-language')).toBe('ts');
    expect(code?.textContent).toBe('const answer = 42;\nconsole.log(answer);');
  });

  it('escapes text and neutralises script links', () => {
    const state = markdownToEditorState('[x](javascript:alert(1)) <script>alert(1)</script>\n\n```html\n</pre><b>\n```');
    const html = editorStateToHtml(state, window);
    expect(html).toContain('href="about:blank"');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<pre data-language="html"><code class="language-html">&lt;/pre&gt;&lt;b&gt;</code></pre>');
  });

  it('keeps nested items at the head of a list (its first item indented, or made a heading)', () => {
    const editor = createConversionEditor();
    editor.update(
      () => {
        const nested = $createListNode('number').append($createListItemNode().append($createTextNode('sub a')));
        $getRoot().append($createListNode('number').append($createListItemNode().append(nested), $createListItemNode().append($createTextNode('two'))));
      },
      { discrete: true },
    );
    const html = editorStateToHtml(editor, window);
    expect(parse(html).textContent).toBe('sub atwo');
    expect(html).toMatch(/^<ol><li[^>]*><ol><li[^>]*>sub a<\/li><\/ol><\/li><li[^>]*>two<\/li><\/ol>$/);
  });

  it('needs no global DOM', () => {
    expect((globalThis as { document?: unknown }).document).toBeUndefined();
    const html = editorStateToHtml(editorFromYDoc(formattedDoc()), window);
    expect(html).toContain('<h1>');
    expect((globalThis as { document?: unknown }).document).toBeUndefined();
  });
});

describe('text export', () => {
  it('gives the words of every block, blocks separated by a blank line', () => {
    const text = editorStateToText(editorStateFromYDoc(formattedDoc()));
    expect(text.split('\n\n').slice(0, 4)).toEqual([
      'Heading one',
      'Heading two',
      'Heading three',
      'A paragraph with bold, italic, underline, strikethrough and inline code.',
    ]);
    expect(text).toContain('A quote with emphasis.');
    expect(text).toContain('const answer = 42;\nconsole.log(answer);');
    expect(text.endsWith('Last paragraph.')).toBe(true);
  });

  it('keeps list markers, numbering and nesting, one line per item', () => {
    const state = markdownToEditorState('Shopping\n\n- milk\n- eggs\n    - brown\n    - white\n- bread\n\n1. first\n2. second\n\nAfter');
    expect(editorStateToText(state)).toBe(
      'Shopping\n\n- milk\n- eggs\n    - brown\n    - white\n- bread\n\n1. first\n2. second\n\nAfter',
    );
  });

  it('keeps the indent of an indented block', () => {
    const state = markdownToEditorState('Flush\n\nIndented');
    (state.root.children[1] as unknown as { indent: number }).indent = 2;
    expect(editorStateToText(state)).toBe('Flush\n\n        Indented');
  });
});

describe('reading a Y.Doc', () => {
  it('gives the same state from the doc and from its encoded update', () => {
    const doc = formattedDoc();
    expect(editorStateFromYjsUpdate(Y.encodeStateAsUpdate(doc))).toEqual(editorStateFromYDoc(doc));
  });

  it('reads a live doc that holds an update which arrived out of order', () => {
    const writer = bindHeadlessEditor(formattedDoc());
    const earlier = Y.encodeStateAsUpdate(writer.doc);
    const later = writer.update(() => {
      $getRoot().getFirstChildOrThrow<ElementNode>().append($createTextNode(' and more'));
    }, null);
    const live = new Y.Doc();
    Y.applyUpdate(live, later!);
    expect(live.store.pendingStructs).not.toBeNull();
    expect(editorStateFromYDoc(live).root.children).toEqual([]);
    Y.applyUpdate(live, earlier);
    expect(editorStateToText(editorStateFromYDoc(live))).toMatch(/^Heading one and more\n\n/);
  });

  it('gives an empty root for an empty doc', () => {
    expect(editorStateFromYDoc(new Y.Doc()).root.children).toEqual([]);
  });

  it('never writes to the doc it reads', () => {
    const doc = formattedDoc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    editorStateFromYDoc(doc);
    editorStateToMarkdown(editorFromYDoc(doc));
    expect(updates).toEqual([]);
  });

  it('rejects JSON that is not an editor state', () => {
    expect(() => editorStateToText({ nope: true } as never)).toThrow(ConversionError);
  });
});
