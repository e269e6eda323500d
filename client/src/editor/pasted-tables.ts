// Tables pasted from a spreadsheet or a web page. The editor has no tables, and imported as they were, every cell
// became a paragraph of its own: a pasted 10 × 5 range came out as 50 lines. Here each row becomes one paragraph,
// its cells in order with a tab between them (kept as a tab, not collapsed into a space), before the paste is
// imported; the cells keep their inline formatting and links.

/** Elements whose content starts a new line inside a cell: they are joined with a space instead. */
const BLOCKS = new Set(['P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'PRE', 'TABLE', 'TR', 'TD', 'TH']);

/** `html` with each table turned into one paragraph per row; null when it holds no table (paste it unchanged). */
export function flattenTables(html: string): string | null {
  if (!/<table[\s>]/i.test(html)) return null;
  const page = new DOMParser().parseFromString(html, 'text/html');
  // Innermost first, so a table inside a cell is already flat when its outer table is.
  const tables = Array.from(page.querySelectorAll('table')).reverse();
  for (const table of tables) {
    const rows = Array.from(table.rows).map((row) => {
      const paragraph = page.createElement('p');
      Array.from(row.cells).forEach((cell, index) => {
        if (index > 0) paragraph.append(tab(page));
        appendInline(paragraph, cell);
      });
      return paragraph;
    });
    table.replaceWith(...rows);
  }
  return page.body.innerHTML;
}

function tab(page: Document): HTMLElement {
  const span = page.createElement('span');
  span.style.whiteSpace = 'pre';
  span.textContent = '\t';
  return span;
}

/** Moves `from`'s content into `into` as one line: blocks inside it are unwrapped, a space between them. */
function appendInline(into: HTMLElement, from: Node): void {
  let wasBlock = false;
  for (const child of Array.from(from.childNodes)) {
    const isBlock = child instanceof HTMLElement && BLOCKS.has(child.tagName);
    if (isBlock) {
      if (wasBlock || into.textContent !== '') into.append(' ');
      appendInline(into, child);
    } else if (child instanceof HTMLElement && child.tagName === 'BR') {
      into.append(' ');
    } else {
      if (wasBlock) into.append(' ');
      into.append(child);
    }
    wasBlock = isBlock;
  }
}
