// Import: replaces what a live Y.Doc shows with new content, as one ordinary Yjs update, so every bound editor (and
// the server's persistence and fan-out) sees it like any peer's edit. The edit is made by a headless editor bound
// to a private copy of the doc; only the resulting update touches the caller's doc.
import {
  $createParagraphNode,
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
import { $importMarkdown } from './markdown-to-editor-state';
import { editorStateFromYjsUpdate } from './yjs-to-editor-state';

/** New content for a document. A JSON `state` may be given as text; it is parsed and checked either way. */
export type ImportSource =
  | { format: 'markdown'; text: string }
  | { format: 'json'; state: SerializedEditorState | string };

/**
 * Replaces the content of `doc` with `source`: applies one Yjs update to `doc` with transaction origin `origin`
 * (so the doc's 'update' observers see exactly that origin) and returns it; null when the content was already equal
 * in Yjs terms (nothing to apply). The old blocks are deleted and the new ones inserted, so a concurrent edit inside
 * an old block is lost with it, as with any replace. Throws `ConversionError` for a bad source, leaving `doc`
 * untouched. Synchronous.
 */
export function replaceDocContent(doc: Y.Doc, source: ImportSource, origin: unknown): Uint8Array | null {
  const update = createReplacementUpdate(doc, source);
  if (update !== null) Y.applyUpdate(doc, update, origin);
  return update;
}

/** `replaceDocContent` for a full Yjs state (an uploaded .yjs file, a stored snapshot to restore). */
export function replaceDocContentFromYjs(doc: Y.Doc, state: Uint8Array, origin: unknown): Uint8Array | null {
  return replaceDocContent(doc, { format: 'json', state: editorStateFromYjsUpdate(state) }, origin);
}

/**
 * The update that `replaceDocContent` would apply, without applying it (for a caller that routes server updates
 * through its own path). Does not modify `doc`. Valid against `doc`'s current state only.
 */
export function createReplacementUpdate(doc: Y.Doc, source: ImportSource): Uint8Array | null {
  const $fill = contentWriter(source);
  const scratch = new Y.Doc();
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc));
  const binding = bindHeadlessEditor(scratch);
  try {
    return binding.update(() => {
      $fill();
      // An empty root would make every browser's binding add its own paragraph: one block per client.
      const root = $getRoot();
      if (root.isEmpty()) root.append($createParagraphNode());
    }, null);
  } finally {
    binding.destroy();
  }
}

/** Validates `source` now and returns the `$` function that writes it into the root inside an update. */
function contentWriter(source: ImportSource): () => void {
  switch (source.format) {
    case 'markdown':
      if (typeof source.text !== 'string') throw new ConversionError('Markdown must be text');
      return () => $importMarkdown(source.text);
    case 'json': {
      const state = typeof source.state === 'string' ? parseJson(source.state) : source.state;
      assertEditorStateShape(state);
      return () => $replaceRootFromJson(state);
    }
    default:
      throw new ConversionError(`cannot import format ${String((source as { format?: unknown }).format)}`);
  }
}

function $replaceRootFromJson(state: SerializedEditorState): void {
  const { children, ...rootProperties } = state.root;
  const blocks: LexicalNode[] = [];
  for (const [index, child] of children.entries()) {
    let block: LexicalNode;
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
  const root = $getRoot();
  root.clear();
  root.updateFromJSON(rootProperties);
  root.append(...blocks);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new ConversionError(`the body is not valid JSON: ${messageOf(cause)}`, { cause });
  }
}

function messageOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
