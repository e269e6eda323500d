import { describe, expect, it } from 'vitest';
import { parseDocName } from '../../../shared/doc-name';
import { newDocName } from './new-doc-name';

describe('newDocName', () => {
  it('makes a readable name the server accepts', () => {
    const name = newDocName();
    expect(name).toMatch(/^[a-z]+-[a-z]+-[2-9a-z]{6}$/);
    expect(parseDocName(name).ok).toBe(true);
  });

  it('draws every part from the random bytes', () => {
    expect(newDocName((count) => new Uint8Array(count))).toBe('amber-badger-222222');
    expect(newDocName((count) => new Uint8Array(count).fill(255))).toBe('zesty-coyote-zzzzzz');
  });

  it('does not repeat itself', () => {
    const names = new Set(Array.from({ length: 500 }, () => newDocName()));
    expect(names.size).toBe(500);
  });
});
