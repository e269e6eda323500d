import {
  $createLineBreakNode,
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  type SerializedEditorState,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createConversionEditor, updateOrRollBack } from './conversion-editor';
import { EVERY_FORMAT_MARKDOWN } from './conversion-fixtures';
import { editorStateToMarkdown } from './editor-state-to-markdown';
import { editorStateToText } from './editor-state-to-text';
import { markdownToEditorState } from './markdown-to-editor-state';
import { replaceDocContent } from './replace-doc-content';
import { editorFromYDoc, editorStateFromYDoc } from './yjs-to-editor-state';

function importMarkdown(text: string): Y.Doc {
  const doc = new Y.Doc();
  replaceDocContent(doc, { format: 'markdown', text }, null);
  return doc;
}

/** A document of plain paragraphs, one per entry; an entry's lines are joined by line breaks. */
function plainParagraphs(texts: ReadonlyArray<string>): SerializedEditorState {
  const editor = createConversionEditor();
  updateOrRollBack(editor, () => {
    for (const text of texts) {
      const lines = text.split('\n').map((line) => $createTextNode(line));
      const paragraph = $createParagraphNode();
      lines.forEach((line, index) => paragraph.append(...(index === 0 ? [line] : [$createLineBreakNode(), line])));
      $getRoot().append(paragraph);
    }
  });
  return editor.getEditorState().toJSON();
}

/** Text that reads as Markdown syntax when written as it is. */
const MARKDOWN_LOOKALIKES = [
  '# literal hash',
  '1. literal number',
  '1) literal paren',
  '- literal dash',
  '+ plus',
  '* star',
  '> literal gt',
  '---',
  '  - indented dash',
  '    four spaces',
  '[bracket](x)',
  '[ ] not a task',
  '![image](y)',
  'a <span> b',
  '&amp; and &#60;',
  '<u>typed tags</u> and <mark>marks</mark>',
  '\\<u>backslash before a tag</u>',
  '```not a fence',
  'a\\b',
  '2*3*4',
  'first line\n- second line\n===',
];

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
    expect(markdown).toBe('HTML says \\<u>this\\</u> underlines');
    expect(markdownToEditorState(markdown)).toEqual(state);
  });

  it('keeps highlight through Markdown as <mark>…</mark>, around the underline and with other formats inside', () => {
    const markdown = 'plain <mark>marked</mark> <mark><u>**both**</u></mark> plain';
    const state = markdownToEditorState(markdown);
    const texts = (state.root.children[0] as unknown as { children: Array<{ text: string; format: number }> }).children;
    // Lexical's format bits: bold 1, underline 8, highlight 128.
    expect(texts.map((n) => [n.text, n.format])).toEqual([
      ['plain ', 0],
      ['marked', 128],
      [' ', 0],
      ['both', 128 | 8 | 1],
      [' plain', 0],
    ]);
    expect(editorStateToMarkdown(state)).toBe(markdown);
    expect(editorStateToMarkdown(markdownToEditorState('a <mark>typed &#60;mark> tag</mark>'))).toBe('a <mark>typed \\<mark> tag</mark>');
    expect(editorStateToMarkdown(markdownToEditorState('<mark>a \\</mark> b</mark>'))).toBe('<mark>a \\</mark> b</mark>');
  });

  it('reads a bare > line as an empty line of its quote, not as the text ">", except in code', () => {
    const state = markdownToEditorState('> first para\n>\n> second para\n\n```\n>\n```');
    expect(editorStateToText(state)).toBe('first para\n\nsecond para\n\n>');
    const [quote, code] = state.root.children as Array<{ type: string }>;
    expect(quote?.type).toBe('quote');
    expect(code?.type).toBe('code');
    expect(editorStateToMarkdown(state)).toBe('> first para\n> \n> second para\n\n```\n>\n```');
  });

  it('leaves == as text: highlight goes out as <mark>', () => {
    expect(editorStateToMarkdown(markdownToEditorState('a ==b== c'))).toBe('a ==b== c');
  });

  it('gives back plain paragraphs whose text looks like Markdown as the same paragraphs', () => {
    const state = plainParagraphs(MARKDOWN_LOOKALIKES);
    const markdown = editorStateToMarkdown(state);
    const imported = markdownToEditorState(markdown);
    expect(imported).toEqual(state);
    expect(editorStateToMarkdown(imported)).toBe(markdown);
    expect(markdownToEditorState(editorStateToMarkdown(imported))).toEqual(state);
  });

  it('escapes only the characters that would read as syntax', () => {
    const texts = ['# literal hash', '1. literal number', '- literal dash', '> literal gt', '[bracket](x)', '#hashtag'];
    const markdown = editorStateToMarkdown(plainParagraphs(texts));
    expect(markdown.split('\n\n')).toEqual([
      '\\# literal hash',
      '1\\. literal number',
      '\\- literal dash',
      '\\> literal gt',
      '\\[bracket\\](x)',
      '#hashtag',
    ]);
    const html = plainParagraphs(['a <span> b & c &amp; d']);
    expect(editorStateToMarkdown(html)).toBe('a \\<span> b & c &#38;amp; d');
    expect(editorStateToMarkdown(plainParagraphs(['a\\b', '2*3*4']))).toBe('a\\\\b\n\n2\\*3\\*4');
  });

  it('writes a < that could start a tag with a backslash, readable, and reads it back as text', () => {
    const state = markdownToEditorState('# x');
    (state.root.children[0] as unknown as { children: Array<{ text: string }> }).children[0]!.text =
      'Export: test "quotes" & <tags>';
    const markdown = editorStateToMarkdown(state);
    expect(markdown).toBe('# Export: test "quotes" & \\<tags>');
    expect(markdownToEditorState(markdown)).toEqual(state);
    const tags = plainParagraphs(['<u>not underlined</u> <mark>nor marked</mark>', 'a\\<b> <!-- x --> </p> <?php', '1 < 2 <3']);
    const exported = editorStateToMarkdown(tags);
    expect(exported).toBe('\\<u>not underlined\\</u> \\<mark>nor marked\\</mark>\n\na\\\\\\<b> \\<!-- x --> \\</p> \\<?php\n\n1 < 2 <3');
    expect(markdownToEditorState(exported)).toEqual(tags);
  });

  it('escapes markers at the start of every line of a quote or list item, and closing hashes of a heading', () => {
    const markdown = '> \\- quoted dash\n> \\# quoted hash\n\n- \\> item gt\n- \\[ \\] item brackets\n\n# Issue \\#';
    const state = markdownToEditorState(markdown);
    expect(editorStateToText(state)).toBe(
      '- quoted dash\n# quoted hash\n\n- > item gt\n- [ ] item brackets\n\nIssue #',
    );
    expect(editorStateToMarkdown(state)).toBe(markdown);
  });

  it('writes inline code and code blocks verbatim', () => {
    const markdown = 'Use `# [a](b) <span> &amp; a\\b` here\n\n```md\n# not a heading\n[a](b) <span> a\\b\n```';
    expect(editorStateToMarkdown(markdownToEditorState(markdown))).toBe(markdown);
  });

  it('gives back a code block ending in empty lines with those lines, through a Y.Doc too', () => {
    const blocks = ['```py\nprint(1)\n\n```', '```py\nprint(1)\n\n\n```', '```\n\n\nafter two empty lines\n\n```', '```\n\n\n```'];
    for (const markdown of blocks) {
      expect(editorStateToMarkdown(markdownToEditorState(markdown)), markdown).toBe(markdown);
      expect(editorStateToMarkdown(editorStateFromYDoc(importMarkdown(markdown))), markdown).toBe(markdown);
    }
    expect(editorStateToText(markdownToEditorState('```py\nprint(1)\n\n```\n\nafter'))).toBe('print(1)\n\n\nafter');
    // An unclosed fence runs to the end of the file; the blank lines there are not the block's.
    expect(editorStateToMarkdown(markdownToEditorState('```py\nprint(1)\n\n'))).toBe('```py\nprint(1)\n```');
  });

  it('reads an escaped bracket as text, not as the start of a link', () => {
    const paragraph = markdownToEditorState('\\[a\\](b) [c](d)').root.children[0] as unknown as {
      children: Array<{ type: string; text?: string }>;
    };
    expect(paragraph.children.map((child) => child.type)).toEqual(['text', 'link']);
    expect(paragraph.children[0]?.text).toBe('[a](b) ');
  });

  it('reads an autolink (`<https://…>`, `<mailto:…>`, `<name@host>`) as a link whose text is its address', () => {
    const paragraph = markdownToEditorState('See <https://example.com/a?b=1>, <mailto:ann@example.com> or <bob@example.com>.').root
      .children[0] as unknown as { children: Array<{ type: string; url?: string; children?: Array<{ text: string }> }> };
    const links = paragraph.children.filter((child) => child.type === 'link');
    expect(links.map((link) => [link.url, link.children?.[0]?.text])).toEqual([
      ['https://example.com/a?b=1', 'https://example.com/a?b=1'],
      ['mailto:ann@example.com', 'mailto:ann@example.com'],
      ['mailto:bob@example.com', 'bob@example.com'],
    ]);
    // Escaped, or with another scheme, it stays text; the export writes a typed one escaped.
    expect(editorStateToMarkdown(markdownToEditorState('\\<https://example.com> <ftp://example.com>'))).toBe('\\<https://example.com> \\<ftp://example.com>');
  });

  it('turns empty Markdown into one empty paragraph', () => {
    expect(markdownToEditorState('').root.children).toMatchObject([{ type: 'paragraph', children: [] }]);
    expect(editorStateFromYDoc(importMarkdown('')).root.children).toMatchObject([{ type: 'paragraph' }]);
  });
});
