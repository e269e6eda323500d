import { describe, expect, it } from 'vitest';
import { fileNameFor } from './file-name';

describe('fileNameFor', () => {
  it('keeps a readable title, with the characters file systems refuse turned into spaces', () => {
    expect(fileNameFor('Report: Q1/Q2 <draft> "final"?', 'doc')).toBe('Report Q1 Q2 draft final');
  });

  it('drops leading and trailing dots, and falls back to the document name when nothing is left', () => {
    expect(fileNameFor('...', 'meeting-notes')).toBe('meeting-notes');
    expect(fileNameFor('.hidden plan.', 'doc')).toBe('hidden plan');
    expect(fileNameFor('   ', 'doc')).toBe('doc');
  });
});
