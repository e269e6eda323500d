// After undo or redo the caret goes where the change happened, as in Google Docs: undo puts it back where it was
// before the undone step, redo at the end of the redone step. Lexical's collaboration undo leaves the caret where it
// is, so after a redo further typing landed in the middle of the text.
//
// Each undo step remembers two carets, as Yjs relative positions (they follow concurrent edits by others): the
// ones CollaborationPlugin keeps in this user's awareness state, read as the step's first transaction starts (the
// caret before) and as each of its transactions ends (the caret after). Undoing a step makes a redo step, and
// redoing makes an undo step again: the new step takes over the carets of the one it replays.
import type { Provider, SyncCursorPositionsFn } from '@lexical/yjs';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useEffect } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { $placeCaret, caretOf, currentCaret, type CollabBinding, type StoredCaret } from './caret-position';
import { collabUndoManagerOf } from './collab-undo-manager';

export type { CollabBinding };

/** Where the caret was before a step's change and after it. */
interface StepCarets {
  readonly before: StoredCaret | null;
  readonly after: StoredCaret | null;
}

/** Key of a step's carets in its stack item's `meta`. */
const CARETS = Symbol('carets of the step');

type StackItem = Y.UndoManager['undoStack'][number];

interface StackItemEvent {
  stackItem: StackItem;
  type: 'undo' | 'redo';
}

export interface UndoCaretPluginProps {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  /** The editor's Yjs binding, once CollaborationPlugin has made it (see `bindingCatcher`). */
  readonly bindingOf: () => CollabBinding | null;
}

/**
 * A SyncCursorPositionsFn for CollaborationPlugin that delegates to `sync` and keeps the binding and provider it is
 * called with: the plugin does not expose its binding otherwise, and it calls this once the binding exists. `redraw`
 * syncs the carets again with them, and returns false (doing nothing) before the first call.
 */
export function bindingCatcher(sync: SyncCursorPositionsFn): {
  syncCursorPositionsFn: SyncCursorPositionsFn;
  bindingOf: () => CollabBinding | null;
  redraw: () => boolean;
} {
  let caught: { binding: CollabBinding; provider: Provider } | null = null;
  return {
    syncCursorPositionsFn: (binding, provider, options) => {
      caught = { binding, provider };
      sync(binding, provider, options);
    },
    bindingOf: () => caught?.binding ?? null,
    redraw: () => {
      if (caught === null) return false;
      sync(caught.binding, caught.provider);
      return true;
    },
  };
}

export function UndoCaretPlugin({ doc, awareness, bindingOf }: UndoCaretPluginProps) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    let manager: Y.UndoManager | undefined;
    let caretBeforeChange: StoredCaret | null = null;
    const caretNow = (): StoredCaret | null => caretOf(awareness.getLocalState());
    const rememberCaret = (): void => {
      caretBeforeChange = caretNow();
    };
    const storeCarets = ({ stackItem }: StackItemEvent): void => {
      // Made by undo or redo: currStackItem is the step being replayed.
      const replayed = manager?.currStackItem?.meta.get(CARETS) as StepCarets | undefined;
      stackItem.meta.set(CARETS, replayed ?? { before: caretBeforeChange, after: caretNow() });
    };
    const extendStep = ({ stackItem }: StackItemEvent): void => {
      const carets = stackItem.meta.get(CARETS) as StepCarets | undefined;
      if (carets !== undefined) stackItem.meta.set(CARETS, { ...carets, after: caretNow() });
    };
    const restoreCaret = ({ stackItem, type }: StackItemEvent): void => {
      const carets = stackItem.meta.get(CARETS) as StepCarets | undefined;
      const caret = type === 'undo' ? carets?.before : carets?.after;
      const binding = bindingOf();
      if (!caret || binding === null) return;
      // Joins the pending update that applied the undone change, so the caret never shows at the old place. That
      // update carries the undo's tag, which keeps CollaborationPlugin from publishing the caret placed here; what it
      // publishes is where the undone change left the selection (an undone check list: the end of the line before,
      // or none). So the caret is published once it has committed, or the others would see it there until the next
      // key. Rebased on the letters it points at now (currentCaret), which the others can read.
      editor.update(() => $placeCaret(binding, caret), {
        onUpdate: () => {
          const state = awareness.getLocalState();
          if (state !== null) awareness.setLocalState({ ...state, ...currentCaret(doc, caret) });
        },
      });
    };

    // The UndoManager appears once CollaborationPlugin has bound the editor to the doc, before the first edit,
    // which comes as an editor update.
    const follow = (): void => {
      const current = collabUndoManagerOf(editor);
      if (current === manager) return;
      stopListening();
      manager = current;
      manager?.on('stack-item-added', storeCarets);
      manager?.on('stack-item-updated', extendStep);
      manager?.on('stack-item-popped', restoreCaret);
    };
    const stopListening = (): void => {
      manager?.off('stack-item-added', storeCarets);
      manager?.off('stack-item-updated', extendStep);
      manager?.off('stack-item-popped', restoreCaret);
    };
    follow();
    const stopFollowing = editor.registerUpdateListener(follow);
    doc.on('beforeTransaction', rememberCaret);
    return () => {
      stopFollowing();
      doc.off('beforeTransaction', rememberCaret);
      stopListening();
    };
  }, [editor, doc, awareness, bindingOf]);
  return null;
}
