// Finding text in the document for find and replace: every occurrence of the query inside one block (a paragraph,
// heading, list item, …), even where it runs across differently formatted pieces of text or into a link, but never
// across a line break or from one block into the next. Read inside editor.read / editor.update.
import {
  $createRangeSelection,
  $getNodeByKey,
  $getRoot,
  $isElementNode,
  $isLineBreakNode,
  $isTextNode,
  type ElementNode,
  type NodeKey,
  type RangeSelection,
} from 'lexical';

/** Part of a match inside one text node: characters [start, end) of its text. */
export interface MatchSegment {
  readonly key: NodeKey;
  readonly start: number;
  readonly end: number;
}

/** One occurrence of the query, over one or more text nodes of one block, in document order. */
export interface TextMatch {
  readonly segments: readonly MatchSegment[];
}

export interface FindOptions {
  readonly matchCase: boolean;
}

/** Where a text node's characters start in its block's text. */
interface Piece {
  readonly key: NodeKey;
  readonly from: number;
  readonly length: number;
}

interface BlockText {
  text: string;
  pieces: Piece[];
}

/** Whether `text` holds `query` (a replacement that does is stepped over rather than found again). */
export function containsQuery(text: string, query: string, { matchCase }: FindOptions): boolean {
  return query !== '' && new RegExp(escapeRegExp(query), matchCase ? 'u' : 'iu').test(text);
}

/** Every occurrence of `query` in the document, in document order; none for an empty query. */
export function $findMatches(query: string, { matchCase }: FindOptions): TextMatch[] {
  if (query === '') return [];
  const pattern = new RegExp(escapeRegExp(query), matchCase ? 'gu' : 'giu');
  const matches: TextMatch[] = [];
  for (const block of $blocksOf($getRoot())) {
    for (const found of block.text.matchAll(pattern)) {
      const start = found.index;
      matches.push({ segments: segmentsOf(block.pieces, start, start + found[0].length) });
    }
  }
  return matches;
}

/**
 * A selection of the match's text, or null when the document changed under it since it was found (someone else's
 * edit removed or shortened its text), so a stale match is skipped rather than applied to the wrong text.
 */
export function $selectionOfMatch(match: TextMatch): RangeSelection | null {
  const isCurrent = match.segments.every(({ key, end }) => {
    const node = $getNodeByKey(key);
    return $isTextNode(node) && node.getTextContentSize() >= end;
  });
  const first = match.segments[0];
  const last = match.segments[match.segments.length - 1];
  if (!isCurrent || first === undefined || last === undefined) return null;
  const selection = $createRangeSelection();
  selection.anchor.set(first.key, first.start, 'text');
  selection.focus.set(last.key, last.end, 'text');
  return selection;
}

/**
 * Replaces the text of `match` with `replacement`, in the text node of its first character, so the replacement has
 * that character's format and stays in its link. (Typed into a selection, a replacement of a link's first or last
 * word went outside the link, as typing at a link's edge does: "Read the dog[ guide here]".)
 */
export function $replaceMatch(match: TextMatch, replacement: string): void {
  if ($selectionOfMatch(match) === null) return;
  // Last segment first, so the offsets of those before it still hold.
  for (let i = match.segments.length - 1; i >= 0; i--) {
    const { key, start, end } = match.segments[i]!;
    const node = $getNodeByKey(key);
    if (!$isTextNode(node)) continue;
    const text = i === 0 ? replacement : '';
    if (text === '' && end - start === node.getTextContentSize()) node.remove();
    else node.spliceText(start, end - start, text, i === 0);
  }
}

/** Replaces every match, last first, so the places of those before it stay where they were found. */
export function $replaceAll(matches: readonly TextMatch[], replacement: string): void {
  for (let i = matches.length - 1; i >= 0; i--) {
    const match = matches[i];
    if (match !== undefined) $replaceMatch(match, replacement);
  }
}

/** The text of each block under `root`, with where each text node sits in it; nested blocks come after. */
function $blocksOf(root: ElementNode): BlockText[] {
  const blocks: BlockText[] = [];
  const visitBlock = (block: ElementNode) => {
    const current: BlockText = { text: '', pieces: [] };
    blocks.push(current);
    const nested: ElementNode[] = [];
    const visitInline = (parent: ElementNode) => {
      for (const child of parent.getChildren()) {
        if ($isTextNode(child)) {
          const text = child.getTextContent();
          current.pieces.push({ key: child.getKey(), from: current.text.length, length: text.length });
          current.text += text;
        } else if ($isLineBreakNode(child)) {
          current.text += '\n';
        } else if ($isElementNode(child) && child.isInline()) {
          visitInline(child);
        } else if ($isElementNode(child)) {
          nested.push(child);
        } else {
          // A decorator (an image, say) is one character no query can match.
          current.text += '\uFFFC';
        }
      }
    };
    visitInline(block);
    for (const child of nested) visitBlock(child);
  };
  for (const child of root.getChildren()) if ($isElementNode(child)) visitBlock(child);
  return blocks.filter((block) => block.pieces.length > 0);
}

function segmentsOf(pieces: readonly Piece[], start: number, end: number): MatchSegment[] {
  const segments: MatchSegment[] = [];
  for (const piece of pieces) {
    const pieceEnd = piece.from + piece.length;
    if (pieceEnd <= start || piece.from >= end) continue;
    segments.push({ key: piece.key, start: Math.max(start, piece.from) - piece.from, end: Math.min(end, pieceEnd) - piece.from });
  }
  return segments;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
