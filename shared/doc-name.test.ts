import { describe, expect, it } from 'vitest';
import { parseDocName } from './doc-name';

describe('parseDocName', () => {
  it('accepts the URL-safe alphabet, a dot anywhere but first, up to 128 characters', () => {
    for (const name of ['notes', 'Team-notes_Q3', 'v1.2', '-x', '_', 'a'.repeat(128)]) {
      expect(parseDocName(name)).toEqual({ ok: true, name });
    }
  });

  it('names the problem with each refused name, beside the reason the server sends', () => {
    expect(parseDocName('')).toMatchObject({ ok: false, problem: 'empty', reason: 'document name is empty' });
    expect(parseDocName('a'.repeat(129))).toMatchObject({ ok: false, problem: 'too-long' });
    expect(parseDocName('.hidden')).toMatchObject({ ok: false, problem: 'leading-dot' });
    expect(parseDocName('a b')).toMatchObject({ ok: false, problem: 'characters', reason: 'document name may contain only A-Z a-z 0-9 . _ -' });
    expect(parseDocName('naïve')).toMatchObject({ ok: false, problem: 'characters' });
    expect(parseDocName('a/b')).toMatchObject({ ok: false, problem: 'characters' });
  });
});
