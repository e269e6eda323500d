// Marks, in a rendered version, how it differs from the document now, so a person can see what a restore would
// change before making it. Block by block first (paragraphs, headings, list items, quotes, code): a block only in
// the version is marked as coming back, a block only in the document now is shown struck through where it stands,
// and a block that changed shows its words: <ins> for the version's, <del> for the document's. A changed block keeps
// its words and loses its inline formatting in this view; unchanged blocks stay exactly as rendered.
import { diffArrays, diffWordsWithSpace } from 'diff';

const BLOCK_SELECTOR = 'p, h1, h2, h3, h4, h5, h6, pre, li, blockquote';
const LIST_TAGS = new Set(['UL', 'OL']);

export interface ChangeCounts {
  /** Blocks only in the version, or changed. */
  readonly fromVersion: number;
  /** Blocks only in the document now. */
  readonly fromNow: number;
}

/**
 * Marks `version` (a rendered version, changed in place) against `now` (the document now, rendered the same way).
 * Returns how many blocks differ either way; zero both ways when the two read the same.
 */
export function markChanges(version: ParentNode, now: ParentNode): ChangeCounts {
  const versionBlocks = textBlocks(version);
  const nowTexts = textBlocks(now).map(ownText);
  const parts = diffArrays(nowTexts, versionBlocks.map(ownText));
  const document = ownerDocumentOf(version);
  let at = 0;
  let anchor: Element | null = null;
  let fromVersion = 0;
  let fromNow = 0;
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index]!;
    if (!part.added && !part.removed) {
      at += part.count;
      anchor = versionBlocks[at - 1] ?? anchor;
      continue;
    }
    if (part.removed) {
      // Blocks of the document now, maybe followed by the version's blocks in their place: a block of each that
      // read alike is one block changed (in order); the rest went or came.
      const next = parts[index + 1];
      const replacements = next?.added ? versionBlocks.slice(at, at + next.count) : [];
      let nowAt = 0;
      for (const block of replacements) {
        const match = part.value.findIndex((nowText, offset) => offset >= nowAt && readAlike(nowText, ownText(block)));
        if (match < 0) {
          markAdded(block);
          fromVersion++;
          anchor = block;
          continue;
        }
        for (; nowAt < match; nowAt++) {
          anchor = insertRemoved(document, version, anchor, part.value[nowAt]!);
          fromNow++;
        }
        markWords(block, part.value[match]!, document);
        fromVersion++;
        nowAt = match + 1;
        anchor = block;
      }
      for (; nowAt < part.count; nowAt++) {
        anchor = insertRemoved(document, version, anchor, part.value[nowAt]!);
        fromNow++;
      }
      at += replacements.length;
      if (replacements.length > 0) index++;
      continue;
    }
    for (let offset = 0; offset < part.count; offset++) markAdded(versionBlocks[at + offset]!);
    fromVersion += part.count;
    at += part.count;
    anchor = versionBlocks[at - 1] ?? anchor;
  }
  return { fromVersion, fromNow };
}

/** Blocks holding text of their own, in document order (a list item that only wraps a nested list is not one). */
function textBlocks(root: ParentNode): Element[] {
  return Array.from(root.querySelectorAll(BLOCK_SELECTOR)).filter((element) => {
    if (element.tagName === 'LI') return ownText(element) !== '' || !Array.from(element.children).some((child) => LIST_TAGS.has(child.tagName));
    return element.querySelector(BLOCK_SELECTOR) === null;
  });
}

/** The block's text without the text of lists nested in it. */
function ownText(block: Element): string {
  let text = '';
  for (const child of Array.from(block.childNodes)) {
    if (child instanceof Element && LIST_TAGS.has(child.tagName)) continue;
    text += child.textContent ?? '';
  }
  return text;
}

/** Whether two versions of a block share at least half their text (word by word): one block changed, not two. */
function readAlike(a: string, b: string): boolean {
  if (a.length + b.length === 0) return true;
  let common = 0;
  for (const part of diffWordsWithSpace(a, b)) if (!part.added && !part.removed) common += part.value.length;
  return (2 * common) / (a.length + b.length) >= 0.5;
}

function markAdded(block: Element): void {
  block.classList.add('change-added');
}

/** Replaces the block's own content (not its nested lists) with its words against `nowText`. */
function markWords(block: Element, nowText: string, document: Document): void {
  const nested = Array.from(block.children).filter((child) => LIST_TAGS.has(child.tagName));
  const words = diffWordsWithSpace(nowText, ownText(block)).map((part) => {
    if (!part.added && !part.removed) return document.createTextNode(part.value);
    const mark = document.createElement(part.added ? 'ins' : 'del');
    mark.textContent = part.value;
    return mark;
  });
  block.replaceChildren(...words, ...nested);
  block.classList.add('change-edited');
}

/** A struck-through block after `anchor` (at the start when there is none), shaped like it: an item in a list. */
function insertRemoved(document: Document, root: ParentNode, anchor: Element | null, text: string): Element {
  const block = document.createElement(anchor?.tagName === 'LI' ? 'li' : 'p');
  block.className = 'change-removed';
  const del = document.createElement('del');
  del.textContent = text === '' ? '\u00a0' : text;
  block.append(del);
  if (anchor === null) root.insertBefore(block, root.firstChild);
  else anchor.after(block);
  return block;
}

function ownerDocumentOf(node: ParentNode): Document {
  return (node as Node).ownerDocument ?? (node as Document);
}
