import { describe, expect, it } from 'vitest';
import { countWords, describeWordCount } from './word-count';

describe('countWords', () => {
  it('counts words, not spaces or punctuation', () => {
    expect(countWords('')).toBe(0);
    expect(countWords('  \n\n ')).toBe(0);
    expect(countWords('Hello, world!')).toBe(2);
    expect(countWords("We don't stop — ever.\n\nNext block")).toBe(6);
    expect(countWords('- milk\n- eggs')).toBe(2);
    expect(countWords('Crème brûlée\u00a0für zwei — señor')).toBe(5);
  });

  it('counts numbers, times and hyphenated words as one word each', () => {
    expect(countWords('Meet at 10:30 on day 3')).toBe(6);
    expect(countWords('Send an e-mail - today')).toBe(4);
  });

  it('counts text written without spaces by its words', () => {
    expect(countWords('我们明天见')).toBeGreaterThan(1);
    expect(countWords('Tokyo 東京で会いましょう now')).toBeGreaterThan(3);
  });
});

describe('describeWordCount', () => {
  it('says word or words, and how many are selected', () => {
    expect(describeWordCount(1, null)).toBe('1 word');
    expect(describeWordCount(1234, null)).toBe('1,234 words');
    expect(describeWordCount(12, 3)).toBe('3 of 12 words');
  });
});
