// Import: replaces what a live Y.Doc shows with new content, as one ordinary Yjs update, so every bound editor (and
// the server's persistence and fan-out) sees it like any peer's edit. No editor is bound to the caller's doc: the new
// blocks are written by a headless editor into a fresh doc, then moved over in the same transaction that deletes the
// old ones.
import {
  $createParagraphNode,
  $getEditor,
  $getRoot,
  $isDecoratorNode,
  $isElementNode,
  $parseSerializedNode,
  type LexicalNode,
  type SerializedEditorState,
} from 'lexical';
import { $isListItemNode } from '@lexical/list';
import * as Y from 'yjs';
import { assertEditorStateShape } from './conversion-editor';
import { ConversionError } from './conversion-error';
import { bindHeadlessEditor } from './headless-binding';
import { jsonNesting } from './json-nesting';
import { markdownListLevels } from './markdown-list-levels';
import { $importMarkdown } from './markdown-to-editor-state';
import { assertNestingWithinLimits } from './nesting-limits';
import { LEXICAL_ROOT_KEY } from './nodes';
import { $readYjsLayout, UnknownLayout } from './read-yjs-layout';
import { replaceRootWith } from './replace-root';
import { yjsNesting } from './yjs-nesting';
import { docFromYjsUpdate, editorStateFromYDoc } from './yjs-to-editor-state';

/** New content for a document. A JSON `state` may be given as text; it is parsed and checked either way. */
export type ImportSource =
  | { format: 'markdown'; text: string }
  | { format: 'json'; state: SerializedEditorState | string };

/**
 * Replaces the content of `doc` with `source` in ONE Yjs transaction whose origin is `origin`, so the doc's 'update'
 * observers see exactly that origin, and returns that transaction's update (what to persist and broadcast; also
 * usable on a doc that is not live: store it after the doc's other updates). Every top-level block is deleted and
 * the new ones inserted, so a concurrent edit inside an old block is lost with it, as with any replace; root-level
 * properties (format, indent, direction) are left as they are. Throws `ConversionError` for a bad source, leaving
 * `doc` untouched. Synchronous.
 */
export function replaceDocContent(doc: Y.Doc, source: ImportSource, origin: unknown): Uint8Array {
  return replaceRootWith(doc, contentUpdate(source), origin);
}

/**
 * `replaceDocContent` with the content of a full Yjs state (an uploaded .yjs file, a stored version to restore). Its
 * history is not carried over: the content is read and written anew, like any import. Bytes that are not a complete
 * Yjs update of a Tandem document with at least one block throw `ConversionError`.
 */
export function replaceDocContentFromYjs(doc: Y.Doc, state: Uint8Array, origin: unknown): Uint8Array {
  return replaceRootWith(doc, contentUpdateFromYjs(state), origin);
}

/**
 * The first half of a replacement, and nearly all its work: `source` written as blocks into a fresh doc, as a Yjs
 * update that replaceRootWith (replace-root.ts) moves into any document. It needs no live doc, so it can run on another thread.
 * Throws `ConversionError` for a bad source.
 */
export function contentUpdate(source: ImportSource): Uint8Array {
  return createContentUpdate(contentWriter(source));
}

/** contentUpdate for the content of a full Yjs state; throws `ConversionError` as replaceDocContentFromYjs does. */
export function contentUpdateFromYjs(state: Uint8Array): Uint8Array {
  const source = docFromYjsUpdate(state, { requireComplete: true });
  let sourceRoot: Y.XmlText;
  try {
    sourceRoot = source.get(LEXICAL_ROOT_KEY, Y.XmlText);
  } catch (cause) {
    throw new ConversionError('the Yjs document does not hold a Tandem document', { cause });
  }
  // Every Tandem document has at least one block (the seed's paragraph), so an empty root means another kind of doc.
  if (sourceRoot.length === 0) throw new ConversionError('the Yjs document holds no Tandem content');
  assertNestingWithinLimits('the Yjs document', yjsNesting(sourceRoot));
  try {
    // Straight from the source's layout into the writing editor: no JSON in between.
    return createContentUpdate(() => $readYjsLayout($getEditor(), sourceRoot));
  } catch (error) {
    if (error instanceof ConversionError) throw error;
    // Lexical refusing the structure it read (say, text straight under the root) means the upload is malformed.
    if (!(error instanceof UnknownLayout)) {
      throw new ConversionError('the Yjs document does not hold a Tandem document', { cause: error });
    }
  }
  return contentUpdate({ format: 'json', state: editorStateFromYDoc(source) });
}

/**
 * The new content as a Yjs update of a fresh doc (random client id), written through the browser's binding so its
 * layout is exactly what a browser would have written.
 */
function createContentUpdate($fill: () => void): Uint8Array {
  const binding = bindHeadlessEditor(new Y.Doc());
  try {
    const update = binding.update(() => {
      $fill();
      // An empty root would make every browser's binding add its own paragraph: one block per client.
      const root = $getRoot();
      if (root.isEmpty()) root.append($createParagraphNode());
    }, null);
    if (update === null) throw new Error('replaceDocContent: the headless editor wrote nothing');
    return update;
  } finally {
    binding.destroy();
  }
}

/**
 * Validates `source` now and returns the `$` function that writes it into the root inside an update. How deep it
 * nests is checked first: a few thousand levels take the conversion minutes and then overflow its stack.
 */
function contentWriter(source: ImportSource): () => void {
  switch (source.format) {
    case 'markdown':
      if (typeof source.text !== 'string') throw new ConversionError('Markdown must be text');
      assertNestingWithinLimits('the Markdown', { lists: markdownListLevels(source.text) });
      return () => $importMarkdown(source.text);
    case 'json': {
      const state = typeof source.state === 'string' ? parseJson(source.state) : source.state;
      assertEditorStateShape(state);
      assertNestingWithinLimits('the JSON', jsonNesting(state.root));
      return () => $replaceRootFromJson(state);
    }
    default:
      throw new ConversionError(`cannot import format ${String((source as { format?: unknown }).format)}`);
  }
}

function $replaceRootFromJson(state: SerializedEditorState): void {
  const blocks: LexicalNode[] = [];
  const known = $knownNodeTypes();
  for (const [index, child] of state.root.children.entries()) {
    let block: LexicalNode;
    const unknownType = findUnknownType(child, `root.children[${index}]`, known);
    if (unknownType !== null) {
      throw new ConversionError(`${unknownType.path} has type "${unknownType.type}", which Tandem does not know (it knows ${[...known].join(', ')})`);
    }
    try {
      block = $parseSerializedNode(child);
    } catch (cause) {
      throw new ConversionError(`root.children[${index}] is not a Tandem node: ${messageOf(cause)}`, { cause });
    }
    // The editor's root holds blocks only; text or a stray list item there would not survive a browser's edit.
    if (!(($isElementNode(block) && !block.isInline()) || $isDecoratorNode(block)) || $isListItemNode(block)) {
      throw new ConversionError(`root.children[${index}] (${block.getType()}) cannot sit at the top level`);
    }
    blocks.push(block);
  }
  const root = $getRoot().clear();
  for (const block of blocks) root.append(block);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new ConversionError(`the body is not valid JSON: ${messageOf(cause)}`, { cause });
  }
}

/** The node types a Tandem document may hold: those registered with the editor parsing it (Lexical's own included). */
function $knownNodeTypes(): ReadonlySet<string> {
  return new Set($getEditor()._nodes.keys());
}

/**
 * The first node in `node`'s subtree (depth first) whose `type` no Tandem node has, with its path: Lexical's own
 * parse fails on it with a minified error ("Minified Lexical error #17; visit …") that tells a caller nothing.
 */
function findUnknownType(node: unknown, path: string, known: ReadonlySet<string>): { path: string; type: string } | null {
  if (typeof node !== 'object' || node === null) return null;
  const { type, children } = node as { type?: unknown; children?: unknown };
  if (typeof type === 'string' && !known.has(type)) return { path, type };
  if (!Array.isArray(children)) return null;
  for (const [index, child] of children.entries()) {
    const found = findUnknownType(child, `${path}.children[${index}]`, known);
    if (found !== null) return found;
  }
  return null;
}

function messageOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
