// Avatar text: the first letters of the first and last word ("Teal Heron" → "TH", "ada" → "A").
export function initialsOf(name: string): string {
  const words = name.trim().split(/[\s_-]+/).filter((word) => word !== '');
  const first = words[0];
  if (first === undefined) return '?';
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  return (firstLetter(first) + (last === undefined ? '' : firstLetter(last))).toUpperCase();
}

function firstLetter(word: string): string {
  // By code point, so a name starting with an emoji or an accented letter keeps it whole.
  return Array.from(word)[0] ?? '';
}
