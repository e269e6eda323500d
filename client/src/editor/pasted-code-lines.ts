// Code copied from VS Code (and editors built on it) when its note of the language is not on the clipboard (browsers
// outside Chrome's family may not pass it on; see pasted-from-vscode.ts for when it is). Its HTML is a monospace, white-space: pre <div> holding a <div>
// a line and a <br> an empty line (Safari: those lines side by side, each styled so). Imported as it was, it made a
// code block with every empty line doubled. Here it becomes the <pre> the editor imports as a code block, line for
// line, with the no-break spaces VS Code on Windows writes into runs of spaces made spaces again.

/** `html` with VS Code's code turned into <pre> blocks; null when it holds none (paste it unchanged). */
export function joinCodeLines(html: string): string | null {
  if (!/monospace/i.test(html)) return null;
  const page = new DOMParser().parseFromString(html, 'text/html');
  let changed = false;
  for (const element of Array.from(page.body.querySelectorAll<HTMLElement>('div, br'))) {
    if (!element.isConnected || !isCodeLines(element) || hasCodeLinesAncestor(element)) continue;
    // The Chrome shape: one block of lines. The Safari shape: a run of lines, the block being the run.
    const run = hasLineChildren(element) ? [element] : runFrom(element);
    if (run.length === 1 && !hasLineChildren(element)) continue;
    const pre = page.createElement('pre');
    pre.textContent = run.flatMap((part) => (hasLineChildren(part) ? linesOf(part) : [lineText(part)])).join('\n');
    run[0]!.replaceWith(pre);
    for (const part of run.slice(1)) part.remove();
    changed = true;
  }
  return changed ? page.body.innerHTML : null;
}

/** Monospace text whose spaces are kept: how VS Code styles its block, or each of its lines. */
function isCodeLines(element: HTMLElement): boolean {
  return /monospace/i.test(element.style.fontFamily) && element.style.whiteSpace.startsWith('pre');
}

function hasCodeLinesAncestor(element: HTMLElement): boolean {
  for (let parent = element.parentElement; parent !== null; parent = parent.parentElement) if (isCodeLines(parent)) return true;
  return false;
}

function hasLineChildren(element: HTMLElement): boolean {
  return Array.from(element.children).some((child) => child.tagName === 'DIV' || child.tagName === 'BR');
}

/** `first` and the styled lines right after it. */
function runFrom(first: HTMLElement): HTMLElement[] {
  const run = [first];
  for (let next = first.nextElementSibling; next instanceof HTMLElement && isCodeLines(next); next = next.nextElementSibling) run.push(next);
  return run;
}

/** The lines of a block: a <div> each, an empty one for each <br>, and text between them a line of its own. */
function linesOf(block: HTMLElement): string[] {
  const lines: string[] = [];
  let inline: string | null = null;
  for (const child of Array.from(block.childNodes)) {
    const isLine = child instanceof HTMLElement && (child.tagName === 'DIV' || child.tagName === 'BR');
    if (!isLine) {
      inline = (inline ?? '') + lineText(child);
      continue;
    }
    if (inline !== null) lines.push(inline);
    inline = null;
    lines.push(lineText(child));
  }
  if (inline !== null) lines.push(inline);
  return lines;
}

/** A line's text; VS Code on Windows writes every other space of a run as a no-break space. */
function lineText(node: Node): string {
  return (node.textContent ?? '').replace(/\u00a0/g, ' ');
}
