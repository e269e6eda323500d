// Letters this person typed into text that someone else moved at the same moment follow the text. @lexical/yjs
// writes Enter in the middle of a paragraph as the rest of the line deleted and typed again into a new paragraph,
// and Backspace at a paragraph's start as that paragraph deleted and its letters typed again at the end of the one
// before. Letters another person typed into that text meanwhile were not among those copied: after Enter they
// showed at the end of the first line ("alpha WORDS" / "beta gamma BEN delta"), and the caret with them; after a
// join they were gone. Yjs cannot move letters, so the one who typed them moves them: they are typed again after
// the copy of the letter before them, and the stranded ones deleted. Only their author does it, so nothing is
// copied twice. A removed line (a join, a selection deleted across lines, a new block type) is found by its copy
// even when part of it was not copied. This module finds and performs such moves on a Y.Doc in @lexical/yjs's
// layout (yjs-letters.ts); it knows nothing of Lexical.
import * as Y from 'yjs';
import {
  clockOf,
  existedBefore,
  findOnce,
  isLetters,
  type Letter,
  lettersOf,
  ONE_GO_CLOCKS,
  relativeAfter,
  removesEarlierContent,
  type Segment,
  textOf,
  typedSegments,
  UNKNOWN_LETTER,
} from './yjs-letters';

/** The origin of the transactions that move stranded letters: not the binding's, so the editor shows them. */
export const STRANDED_LETTERS_ORIGIN = Symbol('stranded letters follow the text they were typed in');

/** One run of this client's letters and where they now belong. */
export interface StrandedRun {
  /** The paragraph (or inline element) they were typed into. */
  readonly from: Y.XmlText;
  /** Their letters, in order: all still visible there, or all deleted with it. */
  readonly letters: readonly Letter[];
  readonly text: string;
  /** Where they belong: next to the copy of the letter beside them, which the other person's change typed. */
  readonly to: Y.RelativePosition;
}

type Item = Y.Item;

/** How many of this client's letters one look considers at most (the search below tries one cut per letter). */
const MAX_OWN_LETTERS = 200;

/**
 * The runs of `client`'s letters that `transaction` (someone else's change, applied here) left behind when it moved
 * the text around them. Empty for nearly every change: only one that deleted letters next to this client's can
 * strand any, and only letters whose neighbours were typed again elsewhere in the same change count.
 */
export function findStrandedRuns(transaction: Y.Transaction, client: number): StrandedRun[] {
  if (transaction.local || !removesEarlierContent(transaction)) return [];
  const removed = new Set<Item>();
  const paragraphs = new Set<Y.XmlText>();
  Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
    if (!(struct instanceof Y.Item) || !existedBefore(transaction, struct)) return;
    removed.add(struct);
    if (isLetters(struct) && struct.parent instanceof Y.XmlText) paragraphs.add(struct.parent);
  });
  const runs: StrandedRun[] = [];
  let copies: Segment[] | null = null;
  for (const paragraph of paragraphs) {
    const wholeRemoved = paragraph._item !== null && removed.has(paragraph._item);
    for (const segment of segmentsWithOwnLetters(paragraph, client, removed, wholeRemoved)) {
      copies ??= typedSegments(transaction, true);
      runs.push(...strandedIn(transaction, paragraph, segment, copies, client, wholeRemoved));
    }
  }
  return runs;
}

/** Where a run was typed again: the clock of its first new letter (the rest follow it). */
interface PlacedRun {
  readonly run: StrandedRun;
  readonly firstClock: number;
}

/** A letter typed again where it belongs: the one left behind (now deleted) and its copy. */
export interface LetterCopy {
  readonly original: Y.ID;
  readonly copy: Y.ID;
}

/** What a move did. */
export interface MovedLetters {
  /** Maps a position on a moved letter (a caret after it, say) to the same place in its copy; any other comes back as it is. */
  position(position: Y.RelativePosition): Y.RelativePosition;
  /** Every moved letter with its copy. */
  readonly copies: readonly LetterCopy[];
}

/** Types every run again where it belongs and deletes what is left of it, in one transaction. */
export function moveStrandedRuns(doc: Y.Doc, runs: readonly StrandedRun[]): MovedLetters {
  const placed: PlacedRun[] = [];
  doc.transact(() => {
    for (const run of runs) {
      const target = Y.createAbsolutePositionFromRelativePosition(run.to, doc);
      if (target === null || !(target.type instanceof Y.XmlText)) continue;
      const firstClock = Y.getState(doc.store, doc.clientID);
      target.type.insert(target.index, run.text);
      placed.push({ run, firstClock });
    }
    for (const { run } of placed) deleteVisibleLetters(run.from, run.letters);
  }, STRANDED_LETTERS_ORIGIN);
  return {
    position: (position) => movedPosition(position, placed, doc.clientID) ?? position,
    copies: copiesOf(placed, doc.clientID),
  };
}

/**
 * Deletes those of `letters` that are still visible in `paragraph`, found by their ids: runs may be found before
 * the editor has shown the change and moved after, and by then the binding may have deleted some of them (letters
 * left after a text node's removed properties belong to no node of the editor, which deletes them).
 */
function deleteVisibleLetters(paragraph: Y.XmlText, letters: readonly Letter[]): void {
  const ids = new Set(letters.map(({ item, offset }) => `${item.id.client}:${item.id.clock + offset}`));
  const ranges: Array<{ at: number; length: number }> = [];
  let index = 0;
  for (let item = paragraph._start; item !== null; item = item.right) {
    if (item.deleted || !item.countable) continue;
    if (isLetters(item)) {
      for (let offset = 0; offset < item.length; offset++) {
        if (!ids.has(`${item.id.client}:${item.id.clock + offset}`)) continue;
        const last = ranges.at(-1);
        if (last !== undefined && last.at + last.length === index + offset) last.length++;
        else ranges.push({ at: index + offset, length: 1 });
      }
    }
    index += item.length;
  }
  for (const { at, length } of ranges.reverse()) paragraph.delete(at, length);
}

/** The copy of letter i of a run is the i-th of the letters its one insert typed (one clock each, in order). */
function copiesOf(placed: readonly PlacedRun[], client: number): LetterCopy[] {
  return placed.flatMap(({ run, firstClock }) =>
    run.letters.map(({ item, offset }, at) => ({
      original: Y.createID(item.id.client, item.id.clock + offset),
      copy: Y.createID(client, firstClock + at),
    })),
  );
}

/** `position` moved along with the letter it is tied to, or null when that letter did not move. */
function movedPosition(position: Y.RelativePosition, placed: readonly PlacedRun[], client: number): Y.RelativePosition | null {
  const id = position.item;
  if (id === null) return null;
  for (const { run, firstClock } of placed) {
    const at = run.letters.findIndex(({ item, offset }) => item.id.client === id.client && item.id.clock + offset === id.clock);
    // Tied to the same side (assoc) of the letter's copy.
    if (at >= 0) return Y.createRelativePositionFromJSON({ item: { client, clock: firstClock + at }, assoc: position.assoc });
  }
  return null;
}

/**
 * The parts of `paragraph` where `client`'s letters sit among letters the change removed: runs of removed letters
 * and of this client's letters (visible ones, or removed with the whole paragraph), between anything else visible.
 */
function segmentsWithOwnLetters(paragraph: Y.XmlText, client: number, removed: ReadonlySet<Item>, wholeRemoved: boolean): Item[][] {
  const segments: Item[][] = [];
  let current: Item[] = [];
  let hasOwn = false;
  let hasRemoved = false;
  const close = () => {
    if (hasOwn && hasRemoved) segments.push(current);
    current = [];
    hasOwn = false;
    hasRemoved = false;
  };
  for (let item = paragraph._start; item !== null; item = item.right) {
    const isRemovedNow = removed.has(item);
    if (!isRemovedNow && item.deleted) continue; // gone before this change
    if (!isLetters(item)) {
      if (!isRemovedNow) close(); // a visible boundary: a text node's map that stays, a line break, a link
      continue;
    }
    const isOwn = item.id.client === client && (!item.deleted || wholeRemoved);
    if (!isOwn && !isRemovedNow) {
      close(); // someone's visible letters: the change kept them, so the text around them did not move as one
      continue;
    }
    current.push(item);
    hasOwn ||= isOwn;
    // Out of a removed paragraph, this client's letters are removed too: a line it wrote all of has no one else's.
    hasRemoved ||= isRemovedNow;
  }
  close();
  return segments;
}

/**
 * The runs of `client`'s letters in `segment` that the change did not know of, with their places: found by the
 * change's copy of the segment's other letters. When the whole paragraph was removed, some of this client's letters
 * may have been known to the other person (and copied with the rest): the earliest typed, so each count of known
 * letters, from all to none, is tried until the copy is found. The copy must be found exactly once.
 */
function strandedIn(
  transaction: Y.Transaction,
  paragraph: Y.XmlText,
  segment: readonly Item[],
  copies: readonly Segment[],
  client: number,
  wholeRemoved: boolean,
): StrandedRun[] {
  const letters = lettersOf(segment).letters;
  const isOwn = ({ item }: Letter) => item.id.client === client && (!item.deleted || wholeRemoved);
  const own = letters.filter(isOwn);
  if (own.length > MAX_OWN_LETTERS) return [];
  // Visible ones were surely unknown to the other person (who would have removed them); removed ones by typing order.
  const removedOwnClocks = own.filter(({ item }) => item.deleted).map(clockOf).sort((a, b) => a - b);
  const hasVisibleOwn = own.some(({ item }) => !item.deleted);
  // Letters someone typed next to this person's were seen by whoever saw theirs (Yjs applies a letter only after
  // the ones it was typed beside): those of this person's are known for sure.
  const surelyKnown = newestOwnClockBesideOthers(segment, client);
  const leastKnown = removedOwnClocks.filter((clock) => clock <= surelyKnown).length;
  for (let known = removedOwnClocks.length; known >= leastKnown; known--) {
    const firstUnknown = known < removedOwnClocks.length ? removedOwnClocks[known]! : Number.POSITIVE_INFINITY;
    const isSource = (letter: Letter) => !isOwn(letter) || (letter.item.deleted && clockOf(letter) < firstUnknown);
    const source = letters.filter(isSource);
    if (source.length === 0) return [];
    // A removed line must be mostly copied: typing a few words that happen to begin a deleted line is no move.
    if (wholeRemoved && !isMostOf(source.length, letters.length)) return [];
    const copy = findOnce(copies, textOf(source)) ?? findOnce(adjacentPairs(copies), textOf(source));
    if (copy === null) continue;
    if (known === removedOwnClocks.length && !hasVisibleOwn) return []; // all copied: nothing stranded
    const copiedInto = copy.segment.letters[0]!.item.parent as Y.XmlText;
    const trailingMoves = wholeRemoved || isNewBlockAfter(transaction, copiedInto, paragraph);
    return runsBesideCopy(paragraph, letters, isSource, copy, trailingMoves);
  }
  return wholeRemoved ? strandedByAlignment(paragraph, letters, copies, (letter) => isOwn(letter) && clockOf(letter) > surelyKnown) : [];
}

/**
 * Copies typed one right after the other, joined: a change that wraps part of a line in a link types that part into
 * the link and the rest of the line after it, two copies that together hold the letters it moved.
 */
function adjacentPairs(copies: readonly Segment[]): Segment[] {
  const byFirstClock = [...copies].sort((a, b) => clockOf(a.letters[0]!) - clockOf(b.letters[0]!));
  const pairs: Segment[] = [];
  for (let i = 1; i < byFirstClock.length; i++) {
    const first = byFirstClock[i - 1]!;
    const second = byFirstClock[i]!;
    const last = first.letters.at(-1)!;
    const next = second.letters[0]!;
    const gap = clockOf(next) - clockOf(last);
    if (next.item.id.client !== last.item.id.client || gap < 1 || gap > ONE_GO_CLOCKS) continue;
    pairs.push({ text: first.text + second.text, letters: [...first.letters, ...second.letters] });
  }
  return pairs;
}

/** The newest clock of `client`'s that another person's letter in `segment` was typed right after or before. */
function newestOwnClockBesideOthers(segment: readonly Item[], client: number): number {
  let newest = -1;
  for (const item of segment) {
    if (item.id.client === client) continue;
    for (const id of [item.origin, item.rightOrigin]) if (id !== null && id.client === client) newest = Math.max(newest, id.clock);
  }
  return newest;
}

/** Fewer copied letters than this are too few to tell where a removed line's letters went. */
const MIN_ALIGNED_LETTERS = 3;

/** Whether `part` letters are most of `whole`: more than half. */
function isMostOf(part: number, whole: number): boolean {
  return part * 2 > whole;
}

/**
 * For a removed line whose copy is not all of its other letters: a third person's unseen letters went with the
 * line too, or the mover deleted the start of it (a selection across lines) or edited the copy. The copy must then
 * be found in order among the line's letters, most of them, in exactly one run the change typed. From its first
 * letter on, a letter it skipped must be newer than every letter of the same person it holds (typed unseen; one
 * typed before a copied one was seen and deleted on purpose). This person's letters so skipped go after the copy of
 * the nearest letter before them; letters before the first copied one were deleted with the start of the line.
 */
function strandedByAlignment(paragraph: Y.XmlText, letters: readonly Letter[], copies: readonly Segment[], isOwn: (letter: Letter) => boolean): StrandedRun[] {
  const text = textOf(letters);
  let found: { copy: Segment; aligned: readonly number[] } | null = null;
  for (const copy of copies) {
    if (copy.letters.length < MIN_ALIGNED_LETTERS || !isMostOf(copy.letters.length, letters.length)) continue;
    const aligned = alignAsLateAsPossible(copy.text, text);
    if (aligned === null) continue;
    if (found !== null) return []; // more than one candidate: not sure enough
    found = { copy, aligned };
  }
  if (found === null) return [];
  const copyAt = new Map<number, number>(); // letter index → index of its copy
  found.aligned.forEach((letterIndex, copyIndex) => copyAt.set(letterIndex, copyIndex));
  const newestCopied = new Map<number, number>(); // per client, the clock of its newest copied letter
  for (const index of found.aligned) {
    const { client } = letters[index]!.item.id;
    newestCopied.set(client, Math.max(newestCopied.get(client) ?? -1, clockOf(letters[index]!)));
  }
  const isUnseen = (letter: Letter) => clockOf(letter) > (newestCopied.get(letter.item.id.client) ?? -1);
  const copied = found.copy.letters;
  const runs: StrandedRun[] = [];
  let lastCopied = -1;
  let run: Letter[] = [];
  const flush = () => {
    if (run.length > 0) runs.push({ from: paragraph, letters: run, text: textOf(run), to: relativeAfter(copied[lastCopied]!) });
    run = [];
  };
  for (let index = found.aligned[0]!; index < letters.length; index++) {
    const letter = letters[index]!;
    const copyIndex = copyAt.get(index);
    if (copyIndex !== undefined) {
      flush();
      lastCopied = copyIndex;
    } else if (!isUnseen(letter)) {
      return []; // a letter deleted on purpose amid the copy: not a move this can follow
    } else if (isOwn(letter)) {
      run.push(letter);
    }
  }
  flush();
  return runs;
}

/** For each letter of `copy`, the index of the letter of `text` it copies, each as late as fits; or null. */
function alignAsLateAsPossible(copy: string, text: string): number[] | null {
  const aligned: number[] = new Array<number>(copy.length);
  let at = text.length - 1;
  for (let i = copy.length - 1; i >= 0; i--) {
    const letter = copy[i]!;
    while (at >= 0 && text[at] !== letter && letter !== UNKNOWN_LETTER) at--;
    if (at < 0) return null;
    aligned[i] = at--;
  }
  return aligned;
}

/**
 * Groups the segment's stranded letters into runs and places each after the copy of the source letter before it.
 * Runs at either end move only where they surely belong to the moved text:
 * - before the first moved letter, never: in a line that stays they were left of where the text was cut (an Enter
 *   after words this person typed moves none of them); in a removed one they may have been deleted on purpose with
 *   the start of the line (a selection from the line before), which looks the same as typed unseen;
 * - after the last, only out of a removed paragraph or into a block the change made right after this one (an
 *   Enter: the cut reached the end of the line as the other person knew it). Text moved from the middle of a line
 *   (dragged, or cut and pasted offline) leaves the letters after it, which the other person may have seen.
 */
function runsBesideCopy(
  paragraph: Y.XmlText,
  letters: readonly Letter[],
  isSource: (letter: Letter) => boolean,
  copy: { segment: Segment; at: number },
  trailingMoves: boolean,
): StrandedRun[] {
  const runs: StrandedRun[] = [];
  const copied = copy.segment.letters;
  let sourceLettersBefore = 0;
  let run: Letter[] = [];
  const flush = (isTrailing: boolean) => {
    if (run.length === 0) return;
    if (sourceLettersBefore > 0 && (!isTrailing || trailingMoves)) {
      runs.push({ from: paragraph, letters: run, text: textOf(run), to: relativeAfter(copied[copy.at + sourceLettersBefore - 1]!) });
    }
    run = [];
  };
  for (const letter of letters) {
    if (isSource(letter)) {
      flush(false);
      sourceLettersBefore++;
    } else {
      run.push(letter);
    }
  }
  flush(true);
  return runs;
}

/** Whether `block` is one `transaction` made right after `paragraph` (past removed content and other new blocks). */
function isNewBlockAfter(transaction: Y.Transaction, block: Y.XmlText, paragraph: Y.XmlText): boolean {
  if (paragraph._item === null || block._item === null) return false;
  for (let item = paragraph._item.right; item !== null; item = item.right) {
    if (item === block._item) return !existedBefore(transaction, item);
    if (!item.deleted && existedBefore(transaction, item)) return false;
  }
  return false;
}
