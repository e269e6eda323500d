import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EVERY_FORMAT_MARKDOWN } from './conversion-fixtures';
import { editorStateToMarkdown } from './editor-state-to-markdown';
import { markdownToEditorState } from './markdown-to-editor-state';
import { replaceDocContent } from './replace-doc-content';
import { editorFromYDoc, editorStateFromYDoc } from './yjs-to-editor-state';

function importMarkdown(text: string): Y.Doc {
  const doc = new Y.Doc();
  replaceDocContent(doc, { format: 'markdown', text }, null);
  return doc;
}

describe('Markdown export and import', () => {
  it('gives back the same Markdown after a trip through a Y.Doc, for every format', () => {
    const doc = importMarkdown(EVERY_FORMAT_MARKDOWN);
    expect(editorStateToMarkdown(editorStateFromYDoc(doc))).toBe(EVERY_FORMAT_MARKDOWN);
    expect(editorStateToMarkdown(editorFromYDoc(doc))).toBe(EVERY_FORMAT_MARKDOWN);
  });

  it('imports each format as the editor’s own node or text format', () => {
    const children = markdownToEditorState(EVERY_FORMAT_MARKDOWN).root.children as unknown as Array<
      Record<string, unknown>
    >;
    expect(children.map((child) => [child.type, child.tag ?? child.listType ?? child.language ?? null])).toEqual([
      ['heading', 'h1'],
      ['heading', 'h2'],
      ['heading', 'h3'],
      ['paragraph', null],
      ['paragraph', null],
      ['quote', null],
      ['list', 'ul'],
      ['list', 'ol'],
      ['list', 'ul'],
      ['code', 'ts'],
      ['paragraph', null],
    ]);
    expect(children[8]).toMatchObject({ listType: 'check', children: [{ checked: false }, { checked: true }] });
    const formats = (children[3]?.children as Array<{ text: string; format: number }>).map((n) => [n.text, n.format]);
    // Lexical's format bits: bold 1, italic 2, strikethrough 4, underline 8, code 16.
    expect(formats).toEqual(
      expect.arrayContaining([
        ['bold', 1],
        ['italic', 2],
        ['underline', 8],
        ['strikethrough', 4],
        ['inline code', 16],
      ]),
    );
  });

  it('keeps underline through Markdown as <u>…</u>, with other formats inside it', () => {
    expect(editorStateToMarkdown(markdownToEditorState('plain <u>under</u> plain'))).toBe('plain <u>under</u> plain');
    const state = markdownToEditorState('plain <u>under *and italic*</u> plain');
    const texts = (state.root.children[0] as unknown as { children: Array<{ text: string; format: number }> }).children;
    expect(texts.map((n) => [n.text, n.format])).toEqual([
      ['plain ', 0],
      ['under ', 8],
      ['and italic', 8 | 2],
      [' plain', 0],
    ]);
    // One <u> per run of text: longer, but it reads back to the same document.
    const markdown = editorStateToMarkdown(state);
    expect(markdown).toBe('plain <u>under </u><u>*and italic*</u> plain');
    expect(markdownToEditorState(markdown)).toEqual(state);
  });

  it('keeps a typed <u> as text', () => {
    const state = markdownToEditorState('x');
    (state.root.children[0] as unknown as { children: Array<{ text: string }> }).children[0]!.text =
      'HTML says <u>this</u> underlines';
    const markdown = editorStateToMarkdown(state);
    expect(markdown).toBe('HTML says &#60;u>this&#60;/u> underlines');
    expect(markdownToEditorState(markdown)).toEqual(state);
  });

  it('leaves == as text, since the editor has no highlight', () => {
    expect(editorStateToMarkdown(markdownToEditorState('a ==b== c'))).toBe('a ==b== c');
  });

  it('turns empty Markdown into one empty paragraph', () => {
    expect(markdownToEditorState('').root.children).toMatchObject([{ type: 'paragraph', children: [] }]);
    expect(editorStateFromYDoc(importMarkdown('')).root.children).toMatchObject([{ type: 'paragraph' }]);
  });
});
