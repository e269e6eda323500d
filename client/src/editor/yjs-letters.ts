// The letters of a Yjs document in @lexical/yjs's layout (a block is a Y.XmlText holding, per text node, a property
// map followed by its letters) as one change saw them: what it removed, what it typed, and where a letter is.
import * as Y from 'yjs';

type Item = Y.Item;

/** A letter inside an item (Yjs merges a person's consecutive letters into one item). */
export interface Letter {
  readonly item: Item;
  readonly offset: number;
}

/** A piece of a paragraph's content that a change took out or typed in, letter by letter. */
export interface Segment {
  readonly text: string;
  readonly letters: readonly Letter[];
}

/** The items `transaction` made that are still there (and, with `withRemoved`, those it made and removed again). */
export function newItems(transaction: Y.Transaction, withRemoved = false): Y.Item[] {
  const items: Y.Item[] = [];
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    const structs = transaction.doc.store.clients.get(client) ?? [];
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const struct = structs[i]!;
      if (struct instanceof Y.Item && (withRemoved || !struct.deleted)) items.push(struct);
    }
  }
  return items;
}

/**
 * The letters the transaction typed, per paragraph, in runs between anything else visible there. With `withRemoved`,
 * letters it typed and removed again count too: a change that arrives after an offline spell can hold a copy made
 * by one Enter and partly moved on by the next.
 */
export function typedSegments(transaction: Y.Transaction, withRemoved = false): Segment[] {
  const paragraphs = new Set<Y.XmlText>();
  for (const item of newItems(transaction, withRemoved)) {
    if ((isLetters(item) || item.content instanceof Y.ContentDeleted) && item.parent instanceof Y.XmlText) paragraphs.add(item.parent);
  }
  const segments: Segment[] = [];
  for (const paragraph of paragraphs) {
    let current: Item[] = [];
    const close = () => {
      if (current.length > 0) segments.push(lettersOf(current));
      current = [];
    };
    for (let item = paragraph._start; item !== null; item = item.right) {
      const isNew = !existedBefore(transaction, item);
      if (item.deleted && !(isNew && withRemoved)) continue;
      // Removed again, a letter's text may be gone (its content then just a length): an unknown letter.
      if (isNew && (isLetters(item) || item.content instanceof Y.ContentDeleted)) current.push(item);
      else if (!isNew) close(); // new maps (text nodes the copy made) do not end a run
    }
    close();
  }
  return segments;
}

/** `text` in exactly one of `segments` at exactly one place, or null. */
export function findOnce(segments: readonly Segment[], text: string): { segment: Segment; at: number } | null {
  let found: { segment: Segment; at: number } | null = null;
  for (const segment of segments) {
    for (let at = nextMatch(segment.text, text, 0); at >= 0; at = nextMatch(segment.text, text, at + 1)) {
      if (found !== null) return null;
      found = { segment, at };
    }
  }
  return found;
}

/** Where `text` next appears in `within` from `from` on, an UNKNOWN_LETTER there matching any letter; or -1. */
function nextMatch(within: string, text: string, from: number): number {
  if (!within.includes(UNKNOWN_LETTER)) return within.indexOf(text, from);
  for (let at = from; at + text.length <= within.length; at++) {
    let i = 0;
    while (i < text.length && (within[at + i] === text[i] || within[at + i] === UNKNOWN_LETTER)) i++;
    if (i === text.length) return at;
  }
  return -1;
}

export function lettersOf(items: readonly Item[]): Segment {
  const letters: Letter[] = [];
  for (const item of items) for (let offset = 0; offset < item.length; offset++) letters.push({ item, offset });
  return { text: textOf(letters), letters };
}

/**
 * Stands for a letter whose text is gone: one a change typed and removed again comes without it (the sender's Yjs
 * dropped the text of deleted content before sending), so it matches any letter.
 */
export const UNKNOWN_LETTER = '\uffff';

export function textOf(letters: readonly Letter[]): string {
  return letters.map(({ item, offset }) => (item.content instanceof Y.ContentString ? item.content.str[offset]! : UNKNOWN_LETTER)).join('');
}

export function clockOf({ item, offset }: Letter): number {
  return item.id.clock + offset;
}

/** Just after `letter`, wherever it goes (it may be one the change typed and removed again). */
export function relativeAfter({ item, offset }: Letter): Y.RelativePosition {
  return Y.createRelativePositionFromJSON({ item: { client: item.id.client, clock: item.id.clock + offset }, assoc: -1 });
}

/**
 * How many clocks may lie between two letters written in one go: a text node's property map and its entries, and
 * a block's attributes before its first letters.
 */
export const ONE_GO_CLOCKS = 24;

/** The index of `letter` (or of an embed, at offset 0) among `type`'s visible content (a map or embed counts one). */
export function indexOf(type: Y.XmlText, letter: Letter): number {
  let index = 0;
  for (let item = type._start; item !== null && item !== letter.item; item = item.right) {
    if (!item.deleted && item.countable) index += item.length;
  }
  return index + letter.offset;
}

export function isLetters(item: Y.Item): boolean {
  return item.content instanceof Y.ContentString;
}

/**
 * Whether `transaction` removed content that was there before it, read off its delete set's ranges alone: a
 * document's first load removes only what it brings (often most of its structs), and costs no walk.
 */
export function removesEarlierContent(transaction: Y.Transaction): boolean {
  for (const [client, ranges] of transaction.deleteSet.clients) {
    const before = transaction.beforeState.get(client) ?? 0;
    if (ranges.some((range) => range.clock < before)) return true;
  }
  return false;
}

export function existedBefore(transaction: Y.Transaction, item: Y.Item): boolean {
  return item.id.clock < (transaction.beforeState.get(item.id.client) ?? 0);
}
