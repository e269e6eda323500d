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
    const byColumns = Math.min(Math.floor(columnOf(whitespace) / 2), previousIndent + 1);
    const indent = Math.max(indentOf(whitespace), byColumns);
    if (indent > deepest.indent) deepest = { indent, line: index + 1 };
    previousIndent = indent;
  }
  return { levels: deepest.indent + 1, at: `line ${deepest.line}` };
}

/** @lexical/markdown's getIndent: a level per tab and per four spaces, wherever they are. */
function indentOf(whitespace: string): number {
  let tabs = 0;
  let spaces = 0;
  for (const char of whitespace) {
    if (char === '\t') tabs += 1;
    else if (char === ' ') spaces += 1;
  }
  return tabs + Math.floor(spaces / INDENT_COLUMNS);
}

/** @lexical/markdown's getColumn: the column after `whitespace`, a tab going on to the next multiple of four. */
function columnOf(whitespace: string): number {
  let column = 0;
  for (const char of whitespace) column += char === '\t' ? INDENT_COLUMNS - (column % INDENT_COLUMNS) : 1;
  return column;
}
