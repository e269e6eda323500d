import { describe, expect, it } from 'vitest';
import { filesNotAddedNotice, isPictureFile, readOnlyNotice } from './files-not-added';

const file = (name: string, type = '') => ({ name, type });

describe('filesNotAddedNotice', () => {
  it('says a picture cannot go in yet, naming it', () => {
    expect(filesNotAddedNotice([file('holiday.jpg', 'image/jpeg')])).toEqual({
      headline: "Pictures can't go in a Tandem document yet.",
      detail: 'holiday.jpg was not added.',
    });
  });

  it('says only text goes in, naming the file and the files that can', () => {
    expect(filesNotAddedNotice([file('report.pdf', 'application/pdf')])).toEqual({
      headline: 'Only text can go in a Tandem document.',
      detail: 'report.pdf was not added; text and Markdown files (.txt, .md) can be dropped in.',
    });
  });

  it('names up to three files, and counts the rest', () => {
    expect(filesNotAddedNotice([file('a.png'), file('b.png')])?.detail).toBe('a.png and b.png were not added.');
    expect(filesNotAddedNotice([file('a.png'), file('b.pdf'), file('c.zip')])?.detail).toBe('a.png, b.pdf and c.zip were not added; text and Markdown files (.txt, .md) can be dropped in.');
    expect(filesNotAddedNotice([file('a.png'), file('b.png'), file('c.png'), file('d.png')])?.detail).toBe('a.png, b.png and 2 other pictures were not added.');
  });

  it('speaks of the picture when it has no name, as a pasted one may not', () => {
    expect(filesNotAddedNotice([file('', 'image/png')])?.detail).toBe('The picture was not added.');
  });

  it('says nothing when every file went in', () => {
    expect(filesNotAddedNotice([])).toBeNull();
  });
});

describe('isPictureFile', () => {
  it('knows a picture by its type, or by its name when it has no type', () => {
    expect(isPictureFile(file('scan', 'image/tiff'))).toBe(true);
    expect(isPictureFile(file('Photo.HEIC'))).toBe(true);
    expect(isPictureFile(file('notes.txt', 'text/plain'))).toBe(false);
  });
});

describe('readOnlyNotice', () => {
  it('says a viewer cannot add what they dropped, naming the files', () => {
    expect(readOnlyNotice({ kind: 'files', files: [file('beach.png', 'image/png')] }, true)).toEqual({
      headline: 'This document is view-only.',
      detail: 'beach.png was not added.',
    });
    expect(readOnlyNotice({ kind: 'files', files: [file('notes.md'), file('a.pdf')] }, true).detail).toBe('notes.md and a.pdf were not added.');
    expect(readOnlyNotice({ kind: 'files', files: [file('', 'image/png')] }, true).detail).toBe('The picture was not added.');
  });

  it('names text, a link or a paste, and a stopped document in its own words', () => {
    expect(readOnlyNotice({ kind: 'text' }, true).detail).toBe('The text was not added.');
    expect(readOnlyNotice({ kind: 'link' }, true).detail).toBe('The link was not added.');
    expect(readOnlyNotice({ kind: 'paste' }, false)).toEqual({
      headline: "This document can't be edited right now.",
      detail: 'What you pasted was not added.',
    });
  });
});
