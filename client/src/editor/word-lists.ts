// Lists pasted from Microsoft Word. Word puts a list on the clipboard as plain paragraphs, each styled
// `mso-list:l1 level2 lfo1` (list l1, nesting level 2) and starting with its bullet or number typed out ("·", "1.",
// "a)") inside a span marked `mso-list:Ignore` or between `[if !supportLists]` and `[endif]` comments. Imported as
// they are, they became paragraphs that began with a literal "·" and a run of spaces. Here they become the <ul> and
// <ol> (nested by level) that the editor imports as lists, before the paste is imported; everything else is kept.

const LIST_PARAGRAPH_STYLE = /mso-list:\s*(l\d+)\s+level(\d+)/i;
/** "1.", "12)", "(a)", "iv." and the like: a numbered list. Any other marker ("·", "o", "§") is a bullet. */
const NUMBER_MARKER = /^\(?(\d+|[a-z]{1,2}|[ivxlcdm]+)[.)]/i;

interface WordListItem {
  paragraph: HTMLElement;
  listId: string;
  level: number;
  kind: 'ul' | 'ol';
}

/** `html` with Word's list paragraphs turned into HTML lists; null when it holds none (paste it unchanged). */
export function convertWordLists(html: string): string | null {
  if (!/mso-list/i.test(html)) return null;
  const page = new DOMParser().parseFromString(html, 'text/html');
  // Paragraphs only: Word's numbered headings ("1.2 Scope") stay headings, their numbers typed out as they look.
  const items = Array.from(page.querySelectorAll<HTMLElement>('p')).flatMap((paragraph): WordListItem[] => {
    const style = LIST_PARAGRAPH_STYLE.exec(paragraph.getAttribute('style') ?? '');
    if (!style) return [];
    const marker = takeMarker(paragraph);
    return [{ paragraph, listId: style[1]!, level: Number(style[2]), kind: NUMBER_MARKER.test(marker) ? 'ol' : 'ul' }];
  });
  if (items.length === 0) return null;
  let run: WordListItem[] = [];
  for (const item of items) {
    const previous = run[run.length - 1];
    if (previous && !isNextParagraph(previous.paragraph, item.paragraph)) {
      buildLists(run);
      run = [];
    }
    run.push(item);
  }
  buildLists(run);
  return page.body.innerHTML;
}

/** Removes the typed-out bullet or number (and the spaces after it) from `paragraph`; returns its text. */
function takeMarker(paragraph: HTMLElement): string {
  const start = findComment(paragraph, /^\[if !supportLists\]$/i);
  if (start) {
    let text = '';
    for (let node = start.nextSibling; node !== null; ) {
      const next: ChildNode | null = node.nextSibling;
      const isEnd = node.nodeType === Node.COMMENT_NODE && /^\[endif\]$/i.test((node as Comment).data.trim());
      if (!isEnd) text += node.textContent ?? '';
      node.remove();
      if (isEnd) break;
      node = next;
    }
    start.remove();
    return text.trim();
  }
  const ignored = Array.from(paragraph.querySelectorAll<HTMLElement>('[style]')).find((element) =>
    /mso-list:\s*ignore/i.test(element.getAttribute('style') ?? ''),
  );
  if (!ignored) return '';
  const text = ignored.textContent ?? '';
  ignored.remove();
  return text.trim();
}

function findComment(root: Node, data: RegExp): Comment | null {
  const walker = root.ownerDocument!.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    if (data.test((node as Comment).data.trim())) return node as Comment;
  }
  return null;
}

/** Whether `next` follows `paragraph` with nothing but white space and comments between them. */
function isNextParagraph(paragraph: HTMLElement, next: HTMLElement): boolean {
  for (let node = paragraph.nextSibling; node !== null; node = node.nextSibling) {
    if (node === next) return true;
    const isBlank = node.nodeType === Node.COMMENT_NODE || (node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() === '');
    if (!isBlank) return false;
  }
  return false;
}

/** Replaces one run of consecutive list paragraphs with lists, nested by level. */
function buildLists(run: readonly WordListItem[]): void {
  const first = run[0];
  if (!first) return;
  const page = first.paragraph.ownerDocument;
  /** The open lists, outermost first, with the level each holds. */
  const open: Array<{ list: HTMLElement; level: number; listId: string }> = [];
  let anchor: ChildNode = first.paragraph;
  for (const item of run) {
    while (open.length > 0 && item.level < open[open.length - 1]!.level) open.pop();
    let top = open[open.length - 1];
    if (top && top.level === item.level && (top.list.tagName.toLowerCase() !== item.kind || top.listId !== item.listId)) {
      // Same level, another list (bullets after numbers, or Word's next list): a list of its own beside it.
      open.pop();
      top = open[open.length - 1];
    }
    if (!top || item.level > top.level) {
      const list = page.createElement(item.kind);
      if (top) {
        const parentItem = (top.list.lastElementChild as HTMLElement | null) ?? top.list.appendChild(page.createElement('li'));
        parentItem.append(list);
      } else {
        anchor.after(list);
        anchor = list;
      }
      top = { list, level: item.level, listId: item.listId };
      open.push(top);
    }
    const listItem = page.createElement('li');
    listItem.append(...Array.from(item.paragraph.childNodes));
    top.list.append(listItem);
  }
  for (const item of run) item.paragraph.remove();
}
