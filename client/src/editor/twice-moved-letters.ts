// Two people pressing Enter in one line at the same moment, at different places: @lexical/yjs writes each Enter as
// the rest of the line deleted and typed again in a new paragraph, so the letters after the later place were typed
// again twice, once in each new paragraph ("alpha" / "beta gamma delta" / "delta"). The person whose Enter was the
// later one can tell, when the other Enter arrives: it typed again letters that this page had already moved into a
// paragraph of its own. That person's page (and only theirs, so it is done once) then keeps one copy: where the two
// new paragraphs stand in order, the other person's loses the letters this page moved ("beta gamma" / "delta"); where
// Yjs put this page's paragraph first, this page's copy goes, with its paragraph when nothing else is left in it.
import * as Y from 'yjs';
import { existedBefore, indexOf, type Letter, typedSegments } from './stranded-letters';

/** Letters typed twice and which copy goes. */
export interface TwiceMovedLetters {
  /** The copy that goes: visible letters, side by side in one paragraph. */
  readonly letters: readonly Letter[];
  /** The paragraph that held only those letters and goes with them, if any. */
  readonly emptiedParagraph: Y.XmlText | null;
}

/**
 * What `transaction` (someone else's change, applied here) typed again that `client` had already moved into a
 * paragraph of its own. Empty for nearly every change: it must remove letters from a paragraph and make a new one
 * right after it, beside one `client` made there.
 */
export function findTwiceMovedLetters(transaction: Y.Transaction, client: number): TwiceMovedLetters[] {
  if (transaction.local || transaction.deleteSet.clients.size === 0) return [];
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
    const mine = [first, second].find((item) => item !== undefined && item.id.client === client && !!existedBefore(transaction, item));
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
    const own = ownCopy(myParagraph, client, againText);
    if (own === null) continue;
    if (first === theirs) found.push({ letters: copy.letters.slice(removedText.length), emptiedParagraph: null });
    else found.push({ letters: own.letters, emptiedParagraph: own.isAllOfIt ? myParagraph : null });
  }
  return found;
}

/** Deletes the extra copies in one transaction with `origin`. */
export function deleteTwiceMovedLetters(doc: Y.Doc, found: readonly TwiceMovedLetters[], origin: unknown): void {
  doc.transact(() => {
    for (const { letters, emptiedParagraph } of found) {
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
    }
  }, origin);
}

/**
 * `client`'s letters in `paragraph` that hold `text` once, typed in one go (consecutive clocks), with whether they
 * are all the letters it has.
 */
function ownCopy(paragraph: Y.XmlText, client: number, text: string): { letters: Letter[]; isAllOfIt: boolean } | null {
  const letters: Letter[] = [];
  let others = 0;
  for (let item = paragraph._start; item !== null; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
    if (item.id.client !== client) others += item.length;
    else for (let offset = 0; offset < item.length; offset++) letters.push({ item, offset });
  }
  const ownText = letters.map(letterText).join('');
  const at = ownText.indexOf(text);
  if (at < 0 || ownText.indexOf(text, at + 1) >= 0) return null;
  const copied = letters.slice(at, at + text.length);
  const clocks = copied.map(({ item, offset }) => item.id.clock + offset);
  if (clocks.some((clock, i) => i > 0 && clock !== clocks[i - 1]! + 1)) return null;
  return { letters: copied, isAllOfIt: others === 0 && letters.length === copied.length };
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

function letterText({ item, offset }: Letter): string {
  return (item.content as Y.ContentString).str[offset]!;
}
