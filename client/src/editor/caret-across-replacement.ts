// Where the caret goes back after someone else replaces the document (a version restored, a file imported): the
// block it was in is gone, so it is found again in the new content by the words around it. A restore mostly brings
// back the same lines, a little older: the caret lands beside the same words, and what the person goes on typing
// lands there too, not at the top of the document (where it still goes when the words are gone). Someone typing at
// the end of a line (where people mostly type) has only their own new words just before the caret, and the version
// has the line without them: the caret goes where those words began, at the end of the line as it came back.
import { $getRoot, $getSelection, $isElementNode, $isRangeSelection, $isTextNode, type ElementNode, type LexicalNode } from 'lexical';

/** The caret by the text of its block (paragraph, heading or list item), in document order. */
export interface CaretPlace {
  readonly blockIndex: number;
  readonly blockText: string;
  /** Characters of `blockText` before the caret. */
  readonly offset: number;
}

/** How much of the text beside the caret is looked for; shorter runs than MIN_CONTEXT say too little. */
const MAX_CONTEXT = 40;
const MIN_CONTEXT = 3;
/** A line that begins as the caret's did, for this many characters, is that line, whatever follows in either. */
const MIN_SHARED_START = 12;

/**
 * Where `place` is in the blocks of the new content: the block with the same text (the nearest, if several), else
 * a block holding the words just before the caret, else the block that begins as the caret's line did up to the
 * caret (the caret goes where the two part), else a block holding the words just after it; null when the words are
 * gone (an unrelated file imported, say), and the caller starts the caret at the top, as on opening.
 */
export function findCaret(place: CaretPlace, blocksAfter: readonly string[]): { blockIndex: number; offset: number } | null {
  const nearest = (matches: (text: string) => number): { blockIndex: number; at: number } | null => {
    let best: { blockIndex: number; at: number } | null = null;
    blocksAfter.forEach((text, blockIndex) => {
      const at = matches(text);
      if (at < 0) return;
      if (best === null || Math.abs(blockIndex - place.blockIndex) < Math.abs(best.blockIndex - place.blockIndex)) best = { blockIndex, at };
    });
    return best;
  };
  const same = nearest((text) => (text === place.blockText ? 0 : -1));
  if (same !== null) return { blockIndex: same.blockIndex, offset: place.offset };
  const before = place.blockText.slice(Math.max(0, place.offset - MAX_CONTEXT), place.offset);
  if (before.trim().length >= MIN_CONTEXT) {
    const found = nearest((text) => text.indexOf(before));
    if (found !== null) return { blockIndex: found.blockIndex, offset: found.at + before.length };
  }
  const sharedStart = longestSharedStart(place, blocksAfter);
  if (sharedStart !== null) return sharedStart;
  const after = place.blockText.slice(place.offset, place.offset + MAX_CONTEXT);
  if (after.trim().length >= MIN_CONTEXT) {
    const found = nearest((text) => text.indexOf(after));
    if (found !== null) return { blockIndex: found.blockIndex, offset: found.at };
  }
  return null;
}

/**
 * The block that shares the longest start with the caret's line up to the caret, and the offset where they part:
 * at least MIN_SHARED_START characters, or the whole block (a line the caret's line went on from).
 */
function longestSharedStart(place: CaretPlace, blocksAfter: readonly string[]): { blockIndex: number; offset: number } | null {
  const before = place.blockText.slice(0, place.offset);
  let best: { blockIndex: number; offset: number } | null = null;
  blocksAfter.forEach((text, blockIndex) => {
    const shared = sharedStartLength(before, text);
    const counts = shared >= MIN_SHARED_START || (shared === text.length && text.trim().length >= MIN_CONTEXT);
    if (!counts) return;
    const better =
      best === null ||
      shared > best.offset ||
      (shared === best.offset && Math.abs(blockIndex - place.blockIndex) < Math.abs(best.blockIndex - place.blockIndex));
    if (better) best = { blockIndex, offset: shared };
  });
  return best;
}

function sharedStartLength(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  let shared = 0;
  while (shared < length && a.charCodeAt(shared) === b.charCodeAt(shared)) shared++;
  return shared;
}

/** The caret's place now (its anchor, for a selection), or null without one. Inside editor.read or update. */
export function $captureCaret(): CaretPlace | null {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return null;
  const anchor = selection.anchor.getNode();
  const block = blockOf(anchor);
  if (block === null) return null;
  const blocks = $textBlocks();
  const blockIndex = blocks.indexOf(block);
  if (blockIndex < 0) return null;
  let offset = 0;
  for (const text of block.getAllTextNodes()) {
    if (text.is(anchor)) {
      offset += selection.anchor.offset;
      break;
    }
    offset += text.getTextContentSize();
  }
  if (!$isTextNode(anchor)) offset = selection.anchor.offset === 0 ? 0 : textOf(block).length;
  return { blockIndex, blockText: textOf(block), offset };
}

/** Puts the caret at `place` in the current content; false when there is no block to put it in. Inside update. */
export function $placeCaret(place: CaretPlace): boolean {
  const blocks = $textBlocks();
  const found = findCaret(place, blocks.map(textOf));
  const block = found === null ? undefined : blocks[found.blockIndex];
  if (found === null || block === undefined) return false;
  let remaining = found.offset;
  for (const text of block.getAllTextNodes()) {
    const size = text.getTextContentSize();
    if (remaining <= size) {
      text.select(remaining, remaining);
      return true;
    }
    remaining -= size;
  }
  block.selectEnd();
  return true;
}

/** Blocks that hold text directly (paragraphs, headings, list items, quotes), in document order. */
function $textBlocks(): ElementNode[] {
  const blocks: ElementNode[] = [];
  const visit = (element: ElementNode): void => {
    const nested = blockChildrenOf(element);
    if (nested.length === 0 && element !== $getRoot()) blocks.push(element);
    for (const child of nested) visit(child);
  };
  visit($getRoot());
  return blocks;
}

/** The text block `node` is in: its nearest block ancestor (or itself) with no blocks inside. */
function blockOf(node: LexicalNode): ElementNode | null {
  for (let current: LexicalNode | null = node; current !== null && current !== $getRoot(); current = current.getParent()) {
    if ($isElementNode(current) && !current.isInline() && blockChildrenOf(current).length === 0) return current;
  }
  return null;
}

function blockChildrenOf(element: ElementNode): ElementNode[] {
  return element.getChildren().filter((child): child is ElementNode => $isElementNode(child) && !child.isInline());
}

function textOf(block: ElementNode): string {
  return block
    .getAllTextNodes()
    .map((text) => text.getTextContent())
    .join('');
}
