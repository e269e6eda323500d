// The deepest list a Markdown text makes when @lexical/markdown imports it, found from the text alone (one pass over
// its lines, no editor), so a list nested past the limit is refused before the import spends seconds on it.
import type { Nesting } from './nesting-limits';

/** The whitespace before a line's list marker, as @lexical/markdown's three list patterns capture it. */
const LIST_LINE = /^(\s*)(?:[-*+]\s|\d+\.\s|(?:[-*+]\s)?\s?\[(?:\s|x)?\]\s)/i;
/** @lexical/markdown's step: four columns (or a tab) per level. */
const INDENT_COLUMNS = 4;

/**
 * The most list levels any line of `markdown` opens, and the line that does. An upper bound, exact for lists
 * indented in even steps. @lexical/markdown nests a list line (indent 0 at the top level) either by its own
 * whitespace (a tab or four spaces per level) when no list is open above it, or by the content columns the open
 * levels began at. Those columns sit at least two apart (a marker and a space), so the second way gives at most
 * half the line's column and at most one level past the list line before; taking the larger of the two ways
 * bounds both. Lines inside code fences are measured too: a code block closes the list above it, so the list line
 * after it is measured by its own whitespace, which the bound covers.
 */
export function markdownListLevels(markdown: string): Nesting {
  let deepest = { indent: -1, line: 0 };
  let previousIndent = -1;
  const lines = markdown.split('\n');
  for (const [index, line] of lines.entries()) {
    const whitespace = LIST_LINE.exec(line)?.[1];
    if (whitespace === undefined) continue;
    const { levels, column } = measure(whitespace);
    const indent = Math.max(levels, Math.min(Math.floor(column / 2), previousIndent + 1));
    if (indent > deepest.indent) deepest = { indent, line: index + 1 };
    previousIndent = indent;
  }
  return { levels: deepest.indent + 1, at: `line ${deepest.line}` };
}

const TAB = 9;
const SPACE = 32;

/**
 * @lexical/markdown's two readings of `whitespace`: getIndent's levels (one per tab and per four spaces, wherever
 * they are) and getColumn's column after it (a tab going on to the next multiple of four). One loop over character
 * codes: the whitespace of a deep list is most of its text.
 */
function measure(whitespace: string): { levels: number; column: number } {
  let tabs = 0;
  let spaces = 0;
  let column = 0;
  for (let index = 0; index < whitespace.length; index++) {
    const code = whitespace.charCodeAt(index);
    if (code === TAB) {
      tabs += 1;
      column += INDENT_COLUMNS - (column % INDENT_COLUMNS);
      continue;
    }
    if (code === SPACE) spaces += 1;
    column += 1;
  }
  return { levels: tabs + Math.floor(spaces / INDENT_COLUMNS), column };
}
