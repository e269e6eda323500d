// Binds a headless Lexical editor to a Y.Doc the way the browser's CollaborationPlugin does (@lexical/yjs v1 binding,
// root XmlText under LEXICAL_ROOT_KEY), so what the server writes is what a browser would have written.
// It owns no provider or network: the provider is an inert stub, and the caller decides where the doc's updates go.
import {
  type Binding,
  createBinding,
  type Provider,
  syncLexicalUpdateToYjs,
  syncYjsChangesToLexical,
} from '@lexical/yjs';
import { COLLABORATION_TAG, type LexicalEditor, SKIP_COLLAB_TAG } from 'lexical';
import * as Y from 'yjs';
import { createConversionEditor, updateOrRollBack } from './conversion-editor';
import { LEXICAL_ROOT_KEY } from './nodes';
import { transactCapturingUpdate } from './transact-capturing-update';

export interface HeadlessBinding {
  readonly editor: LexicalEditor;
  readonly doc: Y.Doc;
  /**
   * Runs `fn` as one discrete Lexical update and writes the result into the doc in ONE Yjs transaction whose
   * origin is `origin`, so the doc's 'update' observers see the caller's tag, not the binding. Returns the Yjs
   * update that transaction produced, or null when it changed nothing. Synchronous. If `fn` throws, nothing is
   * written and the error is rethrown.
   */
  update(fn: () => void, origin: unknown): Uint8Array | null;
  /** Stops syncing in both directions. The doc keeps its content. */
  destroy(): void;
}

/**
 * Binds a fresh headless editor (editorNodes) to `doc`. Content already in the doc is loaded into the editor at once;
 * later changes from other origins reach it synchronously (as a discrete Lexical update each).
 *
 * One binding per doc at a time: @lexical/yjs caches its collab nodes on the doc's shared types, so a second live
 * binding over the same doc corrupts the first. Bind scratch docs, not a room's live doc, unless it is the only one.
 */
export function bindHeadlessEditor(doc: Y.Doc): HeadlessBinding {
  const editor = createConversionEditor();
  const provider = createInertProvider();
  const docMap = new Map([[LEXICAL_ROOT_KEY, doc]]);
  const binding = createBinding(editor, provider, LEXICAL_ROOT_KEY, doc, docMap);
  // The transaction that our own update() opened: its changes are already in the editor, so the observer skips it.
  let ownTransaction: Y.Transaction | null = null;

  const onYjsChanges = (events: Array<Y.YEvent<Y.XmlText>>, transaction: Y.Transaction): void => {
    if (transaction.origin === binding || transaction === ownTransaction) return;
    syncYjsChangesToLexical(binding, provider, events, transaction.origin instanceof Y.UndoManager, noCursors);
    flush(editor);
  };
  const sharedRoot = binding.root.getSharedType();
  sharedRoot.observeDeep(onYjsChanges);

  const removeUpdateListener = editor.registerUpdateListener(
    ({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) => {
      if (tags.has(SKIP_COLLAB_TAG)) return;
      syncLexicalUpdateToYjs(
        binding,
        provider,
        prevEditorState,
        editorState,
        dirtyElements,
        dirtyLeaves,
        normalizedNodes,
        tags,
      );
    },
  );

  loadExistingContent(binding);

  return {
    editor,
    doc,
    update(fn, origin) {
      try {
        // @lexical/yjs writes in doc.transact(…, binding); nested inside ours, it joins this transaction and so
        // carries the caller's origin. The discrete update makes Lexical commit (and the listener write) right here.
        return transactCapturingUpdate(doc, (transaction) => {
          ownTransaction = transaction;
          updateOrRollBack(editor, fn);
        }, origin);
      } finally {
        ownTransaction = null;
      }
    },
    destroy() {
      sharedRoot.unobserveDeep(onYjsChanges);
      removeUpdateListener();
      binding.root.destroy(binding);
    },
  };
}

/**
 * What a browser gets when the provider's first sync inserts the whole document: the root's children delta applied
 * to the collab tree, then mirrored into Lexical. Tagged as a collaboration update so nothing is written back.
 */
function loadExistingContent(binding: Binding): void {
  const root = binding.root;
  const delta: unknown[] = root.getSharedType().toDelta();
  if (delta.length === 0) return;
  binding.editor.update(
    () => {
      // applyChildrenYjsDelta walks the collab children from the start for every insert, so one delta of n blocks
      // costs O(n²) (10,000 paragraphs: a noticeable pause). Fed last-to-first, every insert lands at index 0 and
      // the walk stops at once; the resulting children are the same.
      for (let i = delta.length - 1; i >= 0; i--) root.applyChildrenYjsDelta(binding, [delta[i] as never]);
      root.syncChildrenFromYjs(binding);
    },
    { discrete: true, skipTransforms: true, tag: COLLABORATION_TAG },
  );
}

/**
 * syncYjsChangesToLexical schedules an ordinary (microtask) update; commit it now so reads right after see it. Like
 * that update, this one skips node transforms: a remote change is applied as it is, not re-normalized by each peer.
 */
function flush(editor: LexicalEditor): void {
  editor.update(() => {}, { discrete: true, skipTransforms: true });
}

/** A headless editor has no remote cursors to draw. */
function noCursors(): void {}

/** Just enough of a y-websocket provider for @lexical/yjs: an awareness that holds nothing and sends nothing. */
function createInertProvider(): Provider {
  return {
    awareness: {
      getLocalState: () => null,
      getStates: () => new Map(),
      on: () => {},
      off: () => {},
      setLocalState: () => {},
      setLocalStateField: () => {},
    },
    connect: () => {},
    disconnect: () => {},
    on: () => {},
    off: () => {},
  };
}
