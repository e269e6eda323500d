import { describe, expect, it } from 'vitest';
import { autoLinkMatchers } from './auto-link';

function firstLink(text: string) {
  for (const matcher of autoLinkMatchers) {
    const match = matcher(text);
    if (match !== null) return { text: match.text, url: match.url };
  }
  return null;
}

describe('autoLinkMatchers', () => {
  it('finds web addresses, leaving out the punctuation that ends a sentence', () => {
    expect(firstLink('see https://example.com/docs?id=4. Then')).toEqual({ text: 'https://example.com/docs?id=4', url: 'https://example.com/docs?id=4' });
    expect(firstLink('(www.example.org)')).toEqual({ text: 'www.example.org', url: 'https://www.example.org/' });
  });

  it('makes e-mail addresses mailto: links', () => {
    expect(firstLink('write to ann.lee+tandem@example.co.uk, please')).toEqual({ text: 'ann.lee+tandem@example.co.uk', url: 'mailto:ann.lee+tandem@example.co.uk' });
  });

  it('leaves alone what is not an address, or not a safe one', () => {
    for (const text of ['plain words', 'version 2.0.1', 'javascript:alert(1)', 'https://intranet now']) expect(firstLink(text)).toBeNull();
  });
});
