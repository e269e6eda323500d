// Counting words as a word processor does: runs of text between spaces that hold a letter or a digit, so "don't",
// "e-mail" and "10:30" are one word each and a lone dash none. Text written without spaces (Chinese, Japanese, Thai)
// is counted by Intl.Segmenter's language-aware word boundaries instead.

const hasLetterOrDigit = /[\p{L}\p{N}]/u;
const unspacedScript = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

export function countWords(text: string): number {
  let words = 0;
  for (const token of text.split(/\s+/)) {
    if (!hasLetterOrDigit.test(token)) continue;
    if (!unspacedScript.test(token)) {
      words++;
      continue;
    }
    for (const segment of segmenter.segment(token)) if (segment.isWordLike) words++;
  }
  return words;
}

/** "1 word", "12 words", or with a selection "3 of 12 words". */
export function describeWordCount(total: number, selected: number | null): string {
  const noun = total === 1 ? 'word' : 'words';
  const format = (count: number) => count.toLocaleString('en');
  return selected === null ? `${format(total)} ${noun}` : `${format(selected)} of ${format(total)} ${noun}`;
}
