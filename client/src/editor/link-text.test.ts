import { describe, expect, it } from 'vitest';
import { linkTextOf } from './link-text';

describe('linkTextOf', () => {
  it('shows the typed text, without the spaces around it', () => {
    expect(linkTextOf('the trip plan', 'https://example.com/')).toBe('the trip plan');
    expect(linkTextOf('  the  plan \t', 'https://example.com/')).toBe('the  plan');
  });

  it('falls back to the address when the text is empty or only spaces', () => {
    expect(linkTextOf('', 'https://example.com/')).toBe('https://example.com/');
    expect(linkTextOf('   ', 'mailto:ada@example.com')).toBe('mailto:ada@example.com');
  });
});
