import { describe, expect, it } from 'vitest';
import { isSafeLinkUrl, toLinkUrl } from './link-url';

describe('toLinkUrl', () => {
  it('adds https to bare addresses and keeps explicit web, mail and phone links', () => {
    expect(toLinkUrl('example.com/a?b=1')).toBe('https://example.com/a?b=1');
    expect(toLinkUrl(' http://example.com ')).toBe('http://example.com');
    expect(toLinkUrl('mailto:ada@example.com')).toBe('mailto:ada@example.com');
    expect(toLinkUrl('tel:+441234')).toBe('tel:+441234');
  });

  it('refuses script URLs, empty input and words that are not addresses', () => {
    expect(toLinkUrl('javascript:alert(1)')).toBeNull();
    expect(toLinkUrl('data:text/html,x')).toBeNull();
    expect(toLinkUrl('')).toBeNull();
    expect(toLinkUrl('hello')).toBeNull();
    expect(toLinkUrl('two words.com')).toBeNull();
  });

  it('accepts only already-normalized safe URLs as safe', () => {
    expect(isSafeLinkUrl('https://example.com')).toBe(true);
    expect(isSafeLinkUrl('javascript:alert(1)')).toBe(false);
  });
});
