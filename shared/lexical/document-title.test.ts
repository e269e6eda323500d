import { describe, expect, it } from 'vitest';
import { createConversionEditor } from './conversion-editor';
import { $documentTitle, maxLineTitleLength, titleFromText } from './document-title';
import { markdownToEditorState } from './markdown-to-editor-state';

const titleOf = (markdown: string) => createConversionEditor(markdownToEditorState(markdown)).getEditorState().read($documentTitle);

describe('$documentTitle', () => {
  it('is the first Heading 1, wherever it is', () => {
    expect(titleOf('Intro line\n\n## Section\n\n# Trip   plan\n\n# Later')).toBe('Trip plan');
  });

  it('is the first line, not a smaller heading further down, when there is no Heading 1', () => {
    expect(titleOf('Groceries\n\n1. eggs\n\n### Dairy section\n\n1. milk')).toBe('Groceries');
    expect(titleOf('## Overview\n\nwords')).toBe('Overview');
  });

  it('is the first line with text when there is no heading', () => {
    expect(titleOf('Shopping list\n\neggs')).toBe('Shopping list');
    expect(titleOf('- first item\n- second item')).toBe('first item');
    expect(titleOf('> quoted   words')).toBe('quoted words');
  });

  it('is null for a document without text', () => {
    expect(titleOf('')).toBeNull();
  });
});

describe('titleFromText', () => {
  it('skips empty lines and collapses whitespace', () => {
    expect(titleFromText('\n  \n  Hello \t there \nnext')).toBe('Hello there');
    expect(titleFromText(' \n ')).toBeNull();
  });

  it('cuts a long line at a word break and marks the cut', () => {
    const line = 'Minutes of the weekly planning meeting, with every decision taken and who does what next';
    const title = titleFromText(line);
    expect(title).toBe('Minutes of the weekly planning meeting, with every decision…');
    expect(title!.length).toBeLessThanOrEqual(maxLineTitleLength + 1);
    expect(titleFromText('x'.repeat(100))).toBe(`${'x'.repeat(maxLineTitleLength)}…`);
  });
});
