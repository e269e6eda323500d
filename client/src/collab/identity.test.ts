import { describe, expect, it } from 'vitest';
import { cleanDisplayName, colorForName, rememberDisplayName, resolveIdentity } from './identity';
import { initialsOf } from './initials';
import { memoryStorage } from '../test-support/memory-storage';

describe('resolveIdentity', () => {
  it('prefers ?name= and remembers it', () => {
    const storage = memoryStorage({ 'tandem:display-name': '"Old"' });
    expect(resolveIdentity({ nameParam: 'Ada', tokenName: 'Token', storage }).name).toBe('Ada');
    expect(storage.getItem('tandem:display-name')).toBe('"Ada"');
  });

  it('falls back to the remembered name, then the token name, then a generated one that is kept', () => {
    expect(resolveIdentity({ nameParam: undefined, tokenName: 'Token', storage: memoryStorage({ 'tandem:display-name': '"Bea"' }) }).name).toBe('Bea');
    expect(resolveIdentity({ nameParam: undefined, tokenName: 'Token', storage: memoryStorage() }).name).toBe('Token');
    const storage = memoryStorage();
    const generated = resolveIdentity({ nameParam: undefined, tokenName: undefined, storage }).name;
    expect(generated).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    expect(resolveIdentity({ nameParam: undefined, tokenName: undefined, storage }).name).toBe(generated);
  });

  it('gives the same name the same colour everywhere', () => {
    expect(colorForName('Ada')).toBe(colorForName('Ada'));
    expect(colorForName('Ada')).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('spreads names over a dozen colours that all keep white initials readable (contrast 4.5 or more)', () => {
    const colours = new Set(Array.from({ length: 500 }, (_, i) => colorForName(`User ${i}`)));
    expect(colours.size).toBeGreaterThanOrEqual(12);
    const luminance = (hex: string): number => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    for (const colour of colours) expect(1.05 / (luminance(colour) + 0.05), colour).toBeGreaterThanOrEqual(4.5);
  });

  it('keeps one browser id for every identity of this browser, and a new one in another browser', () => {
    const storage = memoryStorage();
    const first = resolveIdentity({ nameParam: 'Ada', tokenName: undefined, storage });
    const renamed = rememberDisplayName(storage, 'Ada L.');
    expect(first.browserId).toMatch(/^[0-9a-f]{24}$/);
    expect(renamed.browserId).toBe(first.browserId);
    expect(resolveIdentity({ nameParam: 'Ada', tokenName: undefined, storage: memoryStorage() }).browserId).not.toBe(first.browserId);
  });
});

describe('display names', () => {
  it('are trimmed, squeezed and shortened', () => {
    expect(cleanDisplayName('  Ada   Lovelace ')).toBe('Ada Lovelace');
    expect(cleanDisplayName('   ')).toBeNull();
    expect(cleanDisplayName('x'.repeat(100))?.length).toBe(40);
  });

  it('become initials of the first and last word', () => {
    expect(initialsOf('Teal Heron')).toBe('TH');
    expect(initialsOf('ada')).toBe('A');
    expect(initialsOf('Mary Ann Evans')).toBe('ME');
    expect(initialsOf('  ')).toBe('?');
  });
});
