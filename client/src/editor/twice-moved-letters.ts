// Two people pressing Enter in one line at the same moment: @lexical/yjs writes each Enter as the rest of the line
// deleted and typed again in a new paragraph, so letters both Enters moved were typed again twice, once in each new
// paragraph ("alpha" / "beta gamma delta" / "delta"). At different places, the person whose Enter was the later one
// can tell when the other Enter arrives: it typed again letters that this page had already moved into a paragraph
// of its own (OwnEnters notes those). That page (only that one, so it is done once) keeps one copy: the other
// person's line loses the letters this page moved ("beta gamma" / "delta"), and where Yjs put this page's line first,
// this page types its line again after the other one. At the very same place both pages can tell, and both empty
// the first of the two new lines (see atTheSamePlace).
import * as Y from 'yjs';
import { clockOf, existedBefore, indexOf, type Letter, newItems, ONE_GO_CLOCKS, removesEarlierContent, textOf, typedSegments } from './yjs-letters';

/** Letters typed twice and which copy goes. */
export interface TwiceMovedLetters {
  /** The copy that goes: visible letters, side by side in one paragraph. */
  readonly letters: readonly Letter[];
  /** The paragraph that held only those letters and goes with them, if any. */
  readonly emptiedParagraph: Y.XmlText | null;
  /** This page's new line, to be put after the other one (Yjs put it first); null when it stays. */
  readonly lineToMove: { readonly line: Y.XmlText; readonly after: Y.XmlText } | null;
}

/**
 * This page's own Enters that moved letters: the line each made, with the letters it moved there. Only a line in
 * here counts as this page's copy; one the person made by pressing Enter at a line's end and typing the same words
 * as someone else's line is no copy of anything.
 */
export class OwnEnters {
  private readonly moved = new WeakMap<Y.XmlText, string>();

  /** Notes the Enters of `transaction`, a change this page made. */
  note(transaction: Y.Transaction): void {
    if (!transaction.local || !removesEarlierContent(transaction)) return;
    for (const copy of typedSegments(transaction)) {
      const line = copy.letters[0]!.item.parent as Y.XmlText;
      const lineItem = line._item;
      if (lineItem === null || existedBefore(transaction, lineItem)) continue;
      const [before] = visibleBefore(lineItem);
      const from = before === undefined ? null : paragraphOf(before);
      if (from !== null && copy.text === lettersIn(from, (item) => existedBefore(transaction, item) && Y.isDeleted(transaction.deleteSet, item.id))) {
        this.moved.set(line, copy.text);
      }
    }
  }

  /** The letters this page's Enter moved into `line`, if it made it. */
  movedInto(line: Y.XmlText): string | undefined {
    return this.moved.get(line);
  }
}

/**
 * What `transaction` (someone else's change, applied here) typed again that `client` had already moved into a
 * line of its own (`ownEnters`). Empty for nearly every change: it must make a new line right beside one this page
 * made with its own Enter from the same line.
 */
export function findTwiceMovedLetters(transaction: Y.Transaction, client: number, ownEnters: OwnEnters): TwiceMovedLetters[] {
  if (transaction.local) return [];
  return [...atDifferentPlaces(transaction, client, ownEnters), ...atTheSamePlace(transaction, client, ownEnters)];
}

/** Enters at different places: the earlier one's copy holds the later one's after the letters it removed. */
function atDifferentPlaces(transaction: Y.Transaction, client: number, ownEnters: OwnEnters): TwiceMovedLetters[] {
  if (!removesEarlierContent(transaction)) return [];
  const removed = new Set<Y.Item>();
  const paragraphs = new Set<Y.XmlText>();
  Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString) || !existedBefore(transaction, struct)) return;
    removed.add(struct);
    if (struct.parent instanceof Y.XmlText && struct.parent._item !== null && !struct.parent._item.deleted) paragraphs.add(struct.parent);
  });
  const found: TwiceMovedLetters[] = [];
  for (const paragraph of paragraphs) {
    // Both Enters put their new paragraph right after this one: the next two blocks are the two of them.
    const [first, second] = visibleAfter(paragraph._item!, 2);
    const theirs = [first, second].find((item) => item !== undefined && !existedBefore(transaction, item));
    const mine = [first, second].find((item) => item !== undefined && item.id.client === client && existedBefore(transaction, item));
    if (theirs === undefined || mine === undefined) continue;
    const theirParagraph = paragraphOf(theirs);
    const myParagraph = paragraphOf(mine);
    if (theirParagraph === null || myParagraph === null) continue;
    const copy = typedSegments(transaction).find((segment) => segment.letters[0]!.item.parent === theirParagraph);
    if (copy === undefined) continue;
    // The letters it removed come first in its copy; what follows them had been moved away here already.
    const removedText = lettersIn(paragraph, (item) => removed.has(item));
    if (!copy.text.startsWith(removedText) || copy.text.length === removedText.length) continue;
    const againText = copy.text.slice(removedText.length);
    if (ownEnters.movedInto(myParagraph) !== againText) continue;
    const own = ownCopy(myParagraph, client, againText);
    if (own === null) continue;
    const again = copy.letters.slice(removedText.length);
    if (first === theirs) found.push({ letters: again, emptiedParagraph: null, lineToMove: null });
    // This page's line stands first: their line gives the letters up all the same, and this page's line, if it holds
    // nobody else's content, moves after theirs, typed again there by this page.
    else if (holdsOnly(myParagraph, client)) found.push({ letters: again, emptiedParagraph: null, lineToMove: { line: myParagraph, after: theirParagraph } });
    else found.push({ letters: own.letters, emptiedParagraph: own.isAllOfIt ? myParagraph : null, lineToMove: null });
  }
  return found;
}

/**
 * Enters at the very same place: neither removed a letter the other had not, so each page sees the other's new line
 * hold exactly the letters its own line got with its Enter. Both pages can tell, and both take the copy out of the
 * first of the two lines: the same letters on both (deleting them twice is harmless), leaving that line empty, so
 * the two Enters make two line breaks, as they would one after the other.
 */
function atTheSamePlace(transaction: Y.Transaction, client: number, ownEnters: OwnEnters): TwiceMovedLetters[] {
  const found: TwiceMovedLetters[] = [];
  const blocks = newItems(transaction).filter((item) => paragraphOf(item) !== null && item.parent instanceof Y.XmlText);
  for (const theirs of blocks) {
    const [before] = visibleBefore(theirs);
    const isMineFirst = before !== undefined && before.id.client === client && existedBefore(transaction, before);
    const mine = isMineFirst ? before : visibleAfter(theirs, 1)[0];
    if (mine === undefined || mine.id.client !== client || !existedBefore(transaction, mine)) continue;
    const myLine = paragraphOf(mine);
    const theirCopy = lettersMadeWith(theirs);
    const myCopy = lettersMadeWith(mine);
    if (myLine === null || theirCopy === null || myCopy === null || textOf(theirCopy) !== textOf(myCopy)) continue;
    // This page's line holds what its own Enter moved, and theirs the very same letters.
    if (ownEnters.movedInto(myLine) !== textOf(myCopy)) continue;
    found.push({ letters: isMineFirst ? myCopy : theirCopy, emptiedParagraph: null, lineToMove: null });
  }
  return found;
}

/** Each letter written right after the one before (or after a text node's map): one go, as one edit writes them. */
function isTypedInOneGo(letters: readonly Letter[]): boolean {
  for (let i = 1; i < letters.length; i++) {
    const gap = clockOf(letters[i]!) - clockOf(letters[i - 1]!);
    if (letters[i]!.item.id.client !== letters[i - 1]!.item.id.client || gap < 1 || gap > ONE_GO_CLOCKS) return false;
  }
  return true;
}

/** The letters a block was made with: its author's visible letters there, written in one go right after it. */
function lettersMadeWith(block: Y.Item): Letter[] | null {
  const paragraph = paragraphOf(block);
  if (paragraph === null) return null;
  const letters: Letter[] = [];
  for (let item = paragraph._start; item !== null; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentString) || item.id.client !== block.id.client) continue;
    for (let offset = 0; offset < item.length; offset++) letters.push({ item, offset });
  }
  const [first] = letters;
  if (first === undefined || clockOf(first) - block.id.clock > ONE_GO_CLOCKS || !isTypedInOneGo(letters)) return null;
  return letters;
}

/**
 * Deletes the extra copies (and moves a line to its place) in one transaction with `origin`. Returns `positions`
 * (a caret's, say) with those inside a moved line moved along with it; the others as they were.
 */
export function deleteTwiceMovedLetters(
  doc: Y.Doc,
  found: readonly TwiceMovedLetters[],
  origin: unknown,
  positions: readonly Y.RelativePosition[] = [],
): Y.RelativePosition[] {
  const mapped = [...positions];
  doc.transact(() => {
    for (const { letters, emptiedParagraph, lineToMove } of found) {
      const block = emptiedParagraph?._item;
      if (block && emptiedParagraph?.parent instanceof Y.XmlText) {
        emptiedParagraph.parent.delete(indexOf(emptiedParagraph.parent, { item: block, offset: 0 }), 1);
        continue;
      }
      const [first] = letters;
      // The copy's letters sit side by side in one paragraph.
      if (first !== undefined && !first.item.deleted) {
        const paragraph = first.item.parent as Y.XmlText;
        paragraph.delete(indexOf(paragraph, first), letters.length);
      }
      if (lineToMove !== null) moveLine(doc, lineToMove.line, lineToMove.after, mapped);
    }
  }, origin);
  return mapped;
}

/** Types `line` again right after `after` and deletes it; `positions` in it follow it. */
function moveLine(doc: Y.Doc, line: Y.XmlText, after: Y.XmlText, positions: Y.RelativePosition[]): void {
  const parent = line.parent;
  if (!(parent instanceof Y.XmlText) || line._item === null || after._item === null || after.parent !== parent) return;
  const inLine = positions.map((position) => {
    const at = Y.createAbsolutePositionFromRelativePosition(position, doc);
    return at !== null && at.type === line ? at.index : null;
  });
  const copy = copyOfBlock(line);
  parent.delete(indexOf(parent, { item: line._item, offset: 0 }), 1);
  parent.insertEmbed(indexOf(parent, { item: after._item, offset: 0 }) + 1, copy);
  inLine.forEach((index, i) => {
    if (index !== null) positions[i] = Y.createRelativePositionFromTypeIndex(copy, index, positions[i]!.assoc);
  });
}

/** A new block like `block`: its attributes (the block's type, as @lexical/yjs keeps it) and its content. */
function copyOfBlock(block: Y.XmlText): Y.XmlText {
  const copy = new Y.XmlText();
  for (const [key, value] of Object.entries(block.getAttributes())) copy.setAttribute(key, value);
  copy.applyDelta(block.toDelta().map((op: { insert: unknown }) => ({ ...op, insert: copyOfEmbed(op.insert) })));
  return copy;
}

function copyOfEmbed(insert: unknown): unknown {
  if (insert instanceof Y.XmlText) return copyOfBlock(insert);
  if (insert instanceof Y.AbstractType) return insert.clone();
  return insert;
}

/** Whether everything visible in `block` (and in what it holds) was written by `client`. */
function holdsOnly(block: Y.XmlText, client: number): boolean {
  for (let item = block._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    if (item.id.client !== client) return false;
    if (item.content instanceof Y.ContentType && item.content.type instanceof Y.XmlText && !holdsOnly(item.content.type, client)) return false;
  }
  return true;
}

/** `client`'s letters in `paragraph` that hold `text` once, typed in one go, with whether they are all it has. */
function ownCopy(paragraph: Y.XmlText, client: number, text: string): { letters: Letter[]; isAllOfIt: boolean } | null {
  const letters: Letter[] = [];
  let others = 0;
  for (let item = paragraph._start; item !== null; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
    if (item.id.client !== client) others += item.length;
    else for (let offset = 0; offset < item.length; offset++) letters.push({ item, offset });
  }
  const ownText = textOf(letters);
  const at = ownText.indexOf(text);
  if (at < 0 || ownText.indexOf(text, at + 1) >= 0) return null;
  const copied = letters.slice(at, at + text.length);
  if (!isTypedInOneGo(copied)) return null;
  return { letters: copied, isAllOfIt: others === 0 && letters.length === copied.length };
}

/** The visible item before `item` among its siblings, if any. */
function visibleBefore(item: Y.Item): Y.Item[] {
  for (let previous = item.left; previous !== null; previous = previous.left) if (!previous.deleted) return [previous];
  return [];
}

/** Up to `count` visible items after `item` among its siblings. */
function visibleAfter(item: Y.Item, count: number): Y.Item[] {
  const found: Y.Item[] = [];
  for (let next = item.right; next !== null && found.length < count; next = next.right) if (!next.deleted) found.push(next);
  return found;
}

function paragraphOf(item: Y.Item): Y.XmlText | null {
  return item.content instanceof Y.ContentType && item.content.type instanceof Y.XmlText ? item.content.type : null;
}

/** The letters of `paragraph`'s items that pass `keep`, in order. */
function lettersIn(paragraph: Y.XmlText, keep: (item: Y.Item) => boolean): string {
  let text = '';
  for (let item = paragraph._start; item !== null; item = item.right) {
    if (item.content instanceof Y.ContentString && keep(item)) text += item.content.str;
  }
  return text;
}
