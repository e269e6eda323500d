// Marks, in a rendered version, how it differs from the document now, so a person can see what a restore would
// change before making it. Block by block first (paragraphs, headings, list items, quotes, code), comparing each
// block whole (its kind, list, depth, alignment and formatted text): a block only in the version is marked as coming
// back, a block only in the document now is shown struck through where it stands, a block whose words changed shows
// them (<ins> for the version's, <del> for the document's; it loses its inline formatting in this view), and a block
// with the same words but another kind or formatting is marked as reformatted. Empty blocks are passed over.
import { diffArrays, diffWordsWithSpace } from 'diff';

const BLOCK_SELECTOR = 'p, h1, h2, h3, h4, h5, h6, pre, li, blockquote';
const LIST_TAGS = new Set(['UL', 'OL']);

/** The classes this marks blocks with, for whoever steps through the changes. */
export const CHANGE_SELECTOR = '.change-added, .change-removed, .change-edited, .change-formatted';

export interface ChangeCounts {
  /** Blocks that differ: only in the version, only in the document now, or changed. */
  readonly blocks: number;
}

interface Block {
  readonly element: Element;
  readonly text: string;
  /** Everything that makes the block look as it does; equal signatures render alike. */
  readonly signature: string;
}

/** Marks `version` (a rendered version, changed in place) against `now` (the document now, rendered the same way). */
export function markChanges(version: ParentNode, now: ParentNode): ChangeCounts {
  const versionBlocks = blocksOf(version);
  const nowBlocks = blocksOf(now);
  const parts = diffArrays(nowBlocks, versionBlocks, { comparator: (a, b) => a.signature === b.signature });
  const document = ownerDocumentOf(version);
  let at = 0;
  let anchor: Element | null = null;
  let changed = 0;
  const added = (block: Block) => {
    if (block.text.trim() === '') return;
    block.element.classList.add('change-added');
    changed++;
  };
  const removed = (block: Block) => {
    if (block.text.trim() === '') return;
    anchor = insertRemoved(document, version, anchor, block);
    changed++;
  };
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index]!;
    if (!part.added && !part.removed) {
      at += part.count;
      anchor = versionBlocks[at - 1]?.element ?? anchor;
      continue;
    }
    if (part.added) {
      for (const block of versionBlocks.slice(at, at + part.count)) added(block);
      at += part.count;
      anchor = versionBlocks[at - 1]?.element ?? anchor;
      continue;
    }
    // Blocks of the document now, maybe followed by the version's blocks in their place: a block of each that read
    // alike is one block changed (in order); the rest went or came.
    const next = parts[index + 1];
    const replacements = next?.added ? versionBlocks.slice(at, at + next.count) : [];
    let nowAt = 0;
    for (const block of replacements) {
      const match = part.value.findIndex((nowBlock, offset) => offset >= nowAt && readAlike(nowBlock.text, block.text));
      if (match < 0) {
        added(block);
        anchor = block.element;
        continue;
      }
      for (; nowAt < match; nowAt++) removed(part.value[nowAt]!);
      markChanged(block, part.value[match]!, document);
      changed++;
      nowAt = match + 1;
      anchor = block.element;
    }
    for (; nowAt < part.count; nowAt++) removed(part.value[nowAt]!);
    at += replacements.length;
    if (replacements.length > 0) index++;
  }
  return { blocks: changed };
}

/** Blocks holding text of their own, in document order (a list item that only wraps a nested list is not one). */
function blocksOf(root: ParentNode): Block[] {
  const elements = Array.from(root.querySelectorAll(BLOCK_SELECTOR)).filter((element) => {
    if (element.tagName === 'LI') return ownText(element) !== '' || !Array.from(element.children).some((child) => LIST_TAGS.has(child.tagName));
    return element.querySelector(BLOCK_SELECTOR) === null;
  });
  return elements.map((element) => ({ element, text: ownText(element), signature: signatureOf(element) }));
}

function signatureOf(element: Element): string {
  let list = '';
  for (let parent = element.parentElement; parent !== null; parent = parent.parentElement) {
    if (LIST_TAGS.has(parent.tagName)) list += parent.tagName;
  }
  const align = element instanceof HTMLElement ? element.style.textAlign : '';
  const checked = element.getAttribute('aria-checked') ?? '';
  return `${element.tagName}|${list}|${align}|${checked}|${ownHtml(element)}`;
}

/** The block's text without the text of lists nested in it. */
function ownText(block: Element): string {
  return ownChildren(block)
    .map((child) => child.textContent ?? '')
    .join('');
}

function ownHtml(block: Element): string {
  return ownChildren(block)
    .map((child) => (child instanceof Element ? child.outerHTML : (child.textContent ?? '')))
    .join('');
}

function ownChildren(block: Element): ChildNode[] {
  return Array.from(block.childNodes).filter((child) => !(child instanceof Element && LIST_TAGS.has(child.tagName)));
}

/** Whether two versions of a block share at least half their text (word by word): one block changed, not two. */
function readAlike(a: string, b: string): boolean {
  if (a.length + b.length === 0) return true;
  let common = 0;
  for (const part of diffWordsWithSpace(a, b)) if (!part.added && !part.removed) common += part.value.length;
  return (2 * common) / (a.length + b.length) >= 0.5;
}

/**
 * Marks a block that changed: its words against the document's (replacing its own content, not its nested lists),
 * or, with the same words, as reformatted (its kind, list, alignment or inline formats), kept as the version has it.
 */
function markChanged(block: Block, nowBlock: Block, document: Document): void {
  if (block.text === nowBlock.text) {
    block.element.classList.add('change-formatted');
    return;
  }
  const nested = Array.from(block.element.children).filter((child) => LIST_TAGS.has(child.tagName));
  const words = diffWordsWithSpace(nowBlock.text, block.text).map((part) => {
    if (!part.added && !part.removed) return document.createTextNode(part.value);
    const mark = document.createElement(part.added ? 'ins' : 'del');
    mark.textContent = part.value;
    return mark;
  });
  block.element.replaceChildren(...words, ...nested);
  block.element.classList.add('change-edited');
}

/**
 * A struck-through copy of `nowBlock` after `anchor` (at the start when there is none), shaped like it: a heading
 * as that heading, an item as an item when it goes into a list, else a paragraph.
 */
function insertRemoved(document: Document, root: ParentNode, anchor: Element | null, nowBlock: Block): Element {
  const tag = /^H[1-6]$/.test(nowBlock.element.tagName) ? nowBlock.element.tagName : anchor?.tagName === 'LI' ? 'LI' : 'P';
  const element = document.createElement(tag.toLowerCase());
  element.className = 'change-removed';
  const del = document.createElement('del');
  del.textContent = nowBlock.text;
  element.append(del);
  if (anchor === null) root.insertBefore(element, root.firstChild);
  else anchor.after(element);
  return element;
}

function ownerDocumentOf(node: ParentNode): Document {
  return (node as Node).ownerDocument ?? (node as Document);
}
