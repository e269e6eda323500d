// A document's title as the editor shows it (header, browser tab, recent documents, file names) and HTML exports
// name it: its first Heading 1, else its first line of text cut to a title's length, as Google Docs names an
// untitled document; null while it has no text at all.
import { $getRoot } from 'lexical';
import { $firstHeadingText } from './first-heading';

/** Longer first lines are cut at a word and end in "…": a title, not a paragraph, in the tab and the list. */
export const maxLineTitleLength = 60;

/** Call inside an editor read or update. */
export function $documentTitle(): string | null {
  return $firstHeadingText() ?? $firstLineTitle();
}

function $firstLineTitle(): string | null {
  // Block by block, stopping at the first with text: a long document's text is never gathered whole per keystroke.
  for (const block of $getRoot().getChildren()) {
    const title = titleFromText(block.getTextContent());
    if (title !== null) return title;
  }
  return null;
}

/** The first non-empty line of `text`, whitespace collapsed, shortened to a title; null when there is none. */
export function titleFromText(text: string): string | null {
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/\s+/g, ' ').trim();
    if (line !== '') return shorten(line);
  }
  return null;
}

function shorten(line: string): string {
  if (line.length <= maxLineTitleLength) return line;
  const cut = line.slice(0, maxLineTitleLength);
  const lastSpace = cut.lastIndexOf(' ');
  // At the last word break, unless that leaves little of the line (one very long word): then mid-word.
  const kept = lastSpace >= maxLineTitleLength / 2 ? cut.slice(0, lastSpace) : cut;
  return `${kept.replace(/[\s,;:.–—-]+$/, '')}…`;
}
