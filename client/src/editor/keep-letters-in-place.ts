// Splitting or joining runs of text keeps the letters where they are in the shared document. @lexical/yjs keeps each
// paragraph as one Y.XmlText in which every text node is a property map followed by its letters. When a node is split
// (typing in a new format mid-word, bolding part of a word), Lexical shortens the node and adds new ones holding the
// rest; when a format is taken off, Lexical joins the now alike runs into one. The binding writes either as the
// letters deleted and inserted again. Two people doing it at one spot at once then each insert a copy, and the rest
// of the line showed twice ("The plan really is simplereally is simplest"); a third person typing in those letters
// at that moment typed into deleted ones, and their word fell apart.
//
// Here, before the binding diffs a paragraph, such a split or join is found and written as what it is: for a split,
// property maps inserted between the letters (which then belong to the new nodes) and the letters typed in between;
// for a join, the joined nodes' maps deleted (their letters then belong to the node before). The binding's diff is
// then shown a previous state in which that was already so, and only writes the formatting that differs. Other
// editors' bindings read a map inserted inside a text node as a split and a deleted map as a join, which is how they
// already receive these from Yjs; see matchChildrenToYjs for the one case they got wrong.
//
// Installed on the binding's element class (shared by every element), through an instance: the class is not
// exported. Written against @lexical/yjs 0.52.0, whose internals it reads (pinned in package.json).
import type { Binding } from '@lexical/yjs';
import { $getNodeByKey, $isRootNode, $isTextNode, type ElementNode, type LexicalNode, type NodeKey, type NodeMap, type TextNode } from 'lexical';
import type * as Y from 'yjs';
import { installOnElementClass } from './binding-element-class';

/** A CollabTextNode, as far as this module touches it. */
interface CollabText {
  _key: NodeKey;
  _text: string;
  _map: Y.Map<unknown>;
  _normalized: boolean;
  getOffset(): number;
  destroy(binding: Binding): void;
}

type CollabTextClass = new (map: Y.Map<unknown>, text: string, parent: CollabElement, type: string) => CollabText;

/** A CollabElementNode, as far as this module touches it. */
interface CollabElement {
  _children: object[];
  _xmlText: Y.XmlText;
  getPrevNode(nodeMap: NodeMap | null): ElementNode | null;
  syncChildrenFromLexical(binding: Binding, next: ElementNode, prevNodeMap: NodeMap | null, ...rest: unknown[]): void;
  applyChildrenYjsDelta(binding: Binding, delta: unknown[]): void;
}

/** What the binding keeps on each shared type it has made a collab node for. */
interface WithCollabNode {
  _collabNode?: object;
}

const installedOn = new WeakSet<object>();

/** Makes the binding of `binding`'s kind keep letters in place (see above). Once per class; idempotent. */
export function keepLettersInPlace(binding: Binding | object): void {
  installOnElementClass<CollabElement>(binding, installedOn, (elementClass) => {
    const diffChildren = elementClass.syncChildrenFromLexical;
    elementClass.syncChildrenFromLexical = function (this: CollabElement, binding, next, prevNodeMap, ...rest) {
      const seen = prevNodeMap === null ? null : $writeRunChangesInPlace(this, binding, next, prevNodeMap);
      diffChildren.call(this, binding, next, seen ?? prevNodeMap, ...rest);
    };
    const applyDelta = elementClass.applyChildrenYjsDelta;
    elementClass.applyChildrenYjsDelta = function (this: CollabElement, binding, delta) {
      applyDelta.call(this, binding, delta);
      matchChildrenToYjs(this);
    };
  });
}

/**
 * Receiving splits. The binding reads a property map that lands inside a text node's letters as a split, and hands
 * the letters after it to the next text node the same change inserts. That holds for one split. Two made at one spot
 * at once arrive as map, letters, map, map, letters, map: the letters after the spot went to the wrong node, and the
 * page showed "really is simplest" bold where the document had only "really " bold, unlike everyone else's page.
 * After the binding has applied a change to a paragraph, its children are set from the paragraph's content itself,
 * which is the truth: each text node's map, then the letters up to the next embed. Nothing changes when they agree
 * (almost always), nor when the content holds something the binding has not made a node for (it then repairs it).
 */
function matchChildrenToYjs(element: CollabElement): void {
  const children: object[] = [];
  const texts = new Map<CollabText, string>();
  let text: CollabText | null = null;
  for (const { insert } of element._xmlText.toDelta() as Array<{ insert: string | WithCollabNode }>) {
    if (typeof insert === 'string') {
      if (text === null) return; // letters with no text node before them: the binding's own repair stands
      texts.set(text, texts.get(text)! + insert);
      continue;
    }
    const collab = insert._collabNode;
    if (collab === undefined) return;
    children.push(collab);
    text = '_text' in collab ? (collab as CollabText) : null;
    if (text !== null) texts.set(text, '');
  }
  const agrees =
    children.length === element._children.length &&
    children.every((child, index) => child === element._children[index]) &&
    [...texts].every(([node, letters]) => node._text === letters);
  if (agrees) return;
  element._children.splice(0, element._children.length, ...children);
  for (const [node, letters] of texts) node._text = letters;
}

/**
 * Writes every split and join among `next`'s children into Yjs and the collab tree, and returns the previous node map
 * as the binding's diff should see it (nodes added by a split present, joined ones gone, the changed node already
 * changed); null when there is none.
 */
function $writeRunChangesInPlace(element: CollabElement, binding: Binding, next: ElementNode, prevNodeMap: NodeMap): NodeMap | null {
  const prev = element.getPrevNode(prevNodeMap);
  // The root holds blocks only, never text.
  if (prev === null || $isRootNode(next)) return null;
  const prevKeys = childKeysOf(prev, prevNodeMap);
  const nextKeys = next.getChildrenKeys();
  let seen = $writeTypingMergedForward(element, binding, prev, prevKeys, nextKeys, prevNodeMap);
  // A split adds nodes, a join removes them.
  if (next.__size === prev.__size) return seen;
  const wasChild = new Set(prevKeys);
  const isChild = new Set(nextKeys);
  for (let index = 0; index < nextKeys.length; index++) {
    const key = nextKeys[index]!;
    if (!wasChild.has(key)) continue;
    const before = prevNodeMap.get(key);
    const after = $getNodeByKey(key);
    if (!$isTextNode(before) || !$isTextNode(after)) continue;
    const collabIndex = prevKeys.indexOf(key);
    const collab = element._children[collabIndex] as CollabText | undefined;
    // The collab tree mirrors the previous children one to one; anything else, and the binding's own diff decides.
    if (collab === undefined || collab._key !== key || collab._text !== before.__text || collab._normalized) continue;
    if (next.__size > prev.__size) {
      const split = $findSplit(nextKeys, index, wasChild, before, after);
      if (split === null) continue;
      seen ??= new OverlayNodeMap(prevNodeMap);
      writeSplit(element, binding, collab, collabIndex, split, seen);
      // The nodes it wrote now count as previous children, for the splits further along.
      for (const node of split.added) wasChild.add(node.__key);
      prevKeys.splice(collabIndex + 1, 0, ...split.added.map((node) => node.__key));
    } else {
      const join = findJoin(prevKeys, collabIndex, isChild, prevNodeMap, before, after);
      if (join === null) continue;
      seen ??= new OverlayNodeMap(prevNodeMap);
      writeJoin(element, binding, collab, collabIndex, before, after, join, seen);
      prevKeys.splice(collabIndex + 1, join.joined.length);
    }
  }
  return seen;
}

/**
 * Typing in a format at the end of a run, where the text after it already has that format (Ctrl+B off at the end of a
 * bold word, then a space): Lexical makes a node for the new letters and merges the node after it into it, so the new
 * node holds the letters typed and then the following node's, which is gone. The binding wrote that as the following
 * node's letters deleted and typed again: a third person typing in them at that moment had their word cut in two,
 * and two people doing it at once left those letters twice. Written here as what it is: the letters typed, inserted
 * at the start of the following node's letters, whose node (its property map) now stands for the new one. Returns
 * the previous node map as the diff should read it, or null when there is no such merge; `prevKeys` is updated.
 */
function $writeTypingMergedForward(
  element: CollabElement,
  binding: Binding,
  prev: ElementNode,
  prevKeys: NodeKey[],
  nextKeys: NodeKey[],
  prevNodeMap: NodeMap,
): OverlayNodeMap | null {
  const wasChild = new Set(prevKeys);
  const isChild = new Set(nextKeys);
  let seen: OverlayNodeMap | null = null;
  for (let index = 0; index < nextKeys.length; index++) {
    const key = nextKeys[index]!;
    if (wasChild.has(key)) continue;
    const merged = $getNodeByKey(key);
    // The node it follows was there before (or it is the first); the one after that, in the previous children, is gone.
    const previousKey = index === 0 ? null : nextKeys[index - 1]!;
    if (previousKey !== null && !wasChild.has(previousKey)) continue;
    const goneIndex = previousKey === null ? 0 : prevKeys.indexOf(previousKey) + 1;
    const goneKey = prevKeys[goneIndex];
    if (goneKey === undefined || isChild.has(goneKey)) continue;
    const gone = prevNodeMap.get(goneKey);
    if (!$isTextNode(merged) || !$isTextNode(gone) || merged.getType() !== gone.getType()) continue;
    if (!merged.__text.endsWith(gone.__text) || merged.__format !== gone.__format || merged.__style !== gone.__style) continue;
    const collab = element._children[goneIndex] as CollabText | undefined;
    if (collab === undefined || collab._key !== goneKey || collab._text !== gone.__text || collab._normalized) continue;
    const typed = merged.__text.slice(0, merged.__text.length - gone.__text.length);
    if (typed !== '') element._xmlText.insert(collab.getOffset() + 1, typed); // after its map, before its letters
    const collabNodes = binding.collabNodeMap as Map<NodeKey, unknown>;
    collabNodes.delete(goneKey);
    collabNodes.set(key, collab);
    collab._key = key;
    collab._text = merged.__text;
    // The diff is told the new node was there before, with its text, in the gone one's place in the chain.
    seen ??= new OverlayNodeMap(prevNodeMap);
    seen.set(key, nodeAs(gone, { __key: key, __text: merged.__text }));
    if (previousKey === null) seen.set(prev.__key, nodeAs(prev, { __first: key }));
    else seen.set(previousKey, nodeAs(seen.get(previousKey)!, { __next: key }));
    if (prev.__last === goneKey) {
      const prevNow = seen.get(prev.__key) ?? prev;
      seen.set(prev.__key, nodeAs(prevNow, { __last: key }));
    }
    prevKeys[goneIndex] = key;
    wasChild.add(key);
  }
  return seen;
}

/** A join found by findJoin: the nodes merged into the one before them, and what was typed among their letters. */
interface Join {
  joined: TextNode[];
  /** Letters typed in the same change (typing at the end of a run merges the next run of its format into it). */
  typed: string;
  /** Where they went: an offset into the joined nodes' letters, taken together. */
  typedAt: number;
}

/**
 * The previous text nodes right after `before` that Lexical merged into it (normalizing adjacent runs of one format:
 * after a format was taken off, or when someone types at the end of a run that another person's run of that format
 * follows), gone now, of its kind; what it gained is their texts joined, with at most one run of letters typed
 * among them. Null if it is not such a join.
 */
function findJoin(prevKeys: NodeKey[], index: number, isChild: ReadonlySet<NodeKey>, prevNodeMap: NodeMap, before: TextNode, after: TextNode): Join | null {
  if (!after.__text.startsWith(before.__text)) return null;
  const gained = after.__text.slice(before.__text.length);
  if (gained === '') return null;
  const joined: TextNode[] = [];
  let held = '';
  for (let at = index + 1; at < prevKeys.length && held.length < gained.length && !isChild.has(prevKeys[at]!); at++) {
    const node = prevNodeMap.get(prevKeys[at]!);
    if (!$isTextNode(node) || node.getType() !== before.getType()) return null;
    const withIt = held + node.__text;
    if (withIt.length > gained.length) break;
    joined.push(node);
    held = withIt;
  }
  if (joined.length === 0) return null;
  // `gained` is `held` with one run of letters typed into it: the longest common prefix places it.
  let typedAt = 0;
  while (typedAt < held.length && held[typedAt] === gained[typedAt]) typedAt++;
  const typed = gained.slice(typedAt, typedAt + gained.length - held.length);
  if (gained.slice(typedAt + typed.length) !== held.slice(typedAt)) return null;
  return { joined, typed, typedAt };
}

/**
 * Writes a join as what it is: the joined nodes' property maps deleted, so their letters, left where they are, belong
 * to the node before them, and any letters typed with it inserted where they were typed. The diff is then told the
 * joined nodes were never there, and the node had its new text.
 */
function writeJoin(
  element: CollabElement,
  binding: Binding,
  kept: CollabText,
  collabIndex: number,
  before: TextNode,
  after: TextNode,
  { joined, typed, typedAt }: Join,
  seen: OverlayNodeMap,
): void {
  const lettersStart = kept.getOffset() + 1; // after the kept node's map
  let at = lettersStart + before.__text.length; // the first joined node's map
  for (const node of joined) {
    element._xmlText.delete(at, 1);
    at += node.__text.length;
  }
  // The maps gone, the letters of the kept node and the joined ones are one run.
  if (typed !== '') element._xmlText.insert(lettersStart + before.__text.length + typedAt, typed);
  for (const gone of element._children.splice(collabIndex + 1, joined.length)) (gone as CollabText).destroy(binding);
  kept._text = after.__text;
  seen.set(before.__key, nodeAs(before, { __text: after.__text, __next: joined[joined.length - 1]!.__next }));
}

interface Split {
  /** The node as it was, and as it is now: a prefix of its text. */
  before: TextNode;
  shortened: TextNode;
  /** The new text nodes after it, in order: those typed in between first, then those holding the tail it lost. */
  added: TextNode[];
  /** How many of `added`, from the start, were typed in between (their letters are new). */
  typedCount: number;
}

/** The split of the text node at `nextKeys[index]`, if it is one that was shortened and its tail moved to new nodes. */
function $findSplit(nextKeys: NodeKey[], index: number, wasChild: ReadonlySet<NodeKey>, before: TextNode, shortened: TextNode): Split | null {
  const lost = before.__text.slice(shortened.__text.length);
  if (lost === '' || !before.__text.startsWith(shortened.__text)) return null;
  // The run of new nodes right after it, all text of its kind (a link or a line break there: the binding decides).
  const added: TextNode[] = [];
  for (let at = index + 1; at < nextKeys.length && !wasChild.has(nextKeys[at]!); at++) {
    const node = $getNodeByKey(nextKeys[at]!);
    if (!$isTextNode(node) || node.getType() !== shortened.getType()) return null;
    added.push(node);
  }
  // Those at its end hold the tail; any before them were typed in between.
  let held = '';
  let typedCount = added.length;
  while (typedCount > 0 && held.length < lost.length) held = added[--typedCount]!.__text + held;
  return held === lost ? { before, shortened, added, typedCount } : null;
}

/**
 * Writes the split left to right, as a person typing would: after the shortened node's letters, each added node's
 * property map, followed by its letters (inserted for a node typed in between, already there for the tail). Left to
 * right matters: each insert then follows the one before it, so two people's splits at one spot stay apart instead of
 * interleaving. The added nodes are then recorded as already there, with that text.
 */
function writeSplit(element: CollabElement, binding: Binding, shortened: CollabText, collabIndex: number, split: Split, seen: OverlayNodeMap): void {
  const CollabTextNode = shortened.constructor as CollabTextClass;
  let at = shortened.getOffset() + 1 + split.shortened.__text.length; // after its own map and its letters
  split.added.forEach((node, part) => {
    // Its formatting as the shortened node had it; the binding's diff then writes whatever differs.
    const map = shortened._map.clone();
    element._xmlText.insertEmbed(at, map);
    at += 1;
    if (part < split.typedCount) element._xmlText.insert(at, node.__text);
    at += node.__text.length;
    const collab = new CollabTextNode(map, node.__text, element, node.getType());
    collab._key = node.__key;
    (map as WithCollabNode)._collabNode = collab;
    element._children.splice(collabIndex + 1 + part, 0, collab);
    (binding.collabNodeMap as Map<NodeKey, unknown>).set(node.__key, collab);
  });
  shortened._text = split.shortened.__text;
  // The previous node map as the diff should read it: the chain of siblings runs through the added nodes, and each
  // has the shortened node's old formatting, so the diff writes what differs and nothing else.
  const keys = [split.shortened.__key, ...split.added.map((node) => node.__key)];
  seen.set(keys[0]!, nodeAs(split.before, { __text: split.shortened.__text, __next: keys[1]! }));
  split.added.forEach((node, part) => {
    const next = part + 2 < keys.length ? keys[part + 2]! : split.before.__next;
    seen.set(node.__key, nodeAs(split.before, { __key: node.__key, __text: node.__text, __prev: keys[part]!, __next: next }));
  });
}

/** The fields nodeAs changes: a node's key, text, and the keys that chain it to its siblings and children. */
type NodeLinks = Partial<Record<'__key' | '__text' | '__prev' | '__next' | '__first' | '__last', string | null>>;

/** A copy of `node` (same class, so the binding reads it as it reads any previous node) with `changes`. */
function nodeAs<T extends LexicalNode>(node: T, changes: NodeLinks): T {
  return Object.assign(Object.create(Object.getPrototypeOf(node) as object) as T, node, changes);
}

/** The keys of `element`'s children in `nodeMap`, first to last. */
function childKeysOf(element: ElementNode, nodeMap: NodeMap): NodeKey[] {
  const keys: NodeKey[] = [];
  for (let key = element.__first; key !== null; ) {
    keys.push(key);
    key = (nodeMap.get(key) as LexicalNode | undefined)?.__next ?? null;
  }
  return keys;
}

/**
 * The previous node map with some nodes replaced, without copying it (a document can hold tens of thousands of
 * nodes, and this runs on a keystroke). The binding's diff only ever calls get on it.
 */
class OverlayNodeMap extends Map<NodeKey, LexicalNode> {
  constructor(private readonly base: NodeMap) {
    super();
  }

  override get(key: NodeKey): LexicalNode | undefined {
    return super.get(key) ?? this.base.get(key);
  }

  override has(key: NodeKey): boolean {
    return super.has(key) || this.base.has(key);
  }
}
