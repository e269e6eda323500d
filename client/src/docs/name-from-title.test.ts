import { describe, expect, it } from 'vitest';
import { nameFromTitle } from './name-from-title';

describe('nameFromTitle', () => {
  it('joins words with hyphens and keeps their case', () => {
    expect(nameFromTitle('Team Notes')).toBe('Team-Notes');
    expect(nameFromTitle('  Q3 plan: draft!  ')).toBe('Q3-plan-draft');
    expect(nameFromTitle('a  /  b')).toBe('a-b');
  });

  it('drops accents and keeps digits and underscores', () => {
    expect(nameFromTitle('Café crème 2027')).toBe('Cafe-creme-2027');
    expect(nameFromTitle('snake_case name')).toBe('snake_case-name');
  });

  it('gives a name of at most 128 characters that does not end in a hyphen', () => {
    const name = nameFromTitle(`${'a'.repeat(127)} b`);
    expect(name).toBe('a'.repeat(127));
  });

  it('gives null when no letter or digit is left', () => {
    expect(nameFromTitle('!!! ???')).toBeNull();
    expect(nameFromTitle('会议记录')).toBeNull();
    expect(nameFromTitle('')).toBeNull();
  });
});
