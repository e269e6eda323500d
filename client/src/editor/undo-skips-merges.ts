// Redo survives someone else's typing. When a change from the shared document (another page's, or this page's undo)
// leaves two neighbouring text runs with the same format, Lexical merges them into one, and @lexical/yjs writes the
// merge back to the shared document as this page's own change. The UndoManager took it for an edit: it cleared the
// redo stack (Ctrl+Y did nothing after an undo once anyone had typed in that line) and made the merge an undo step
// of its own. A merge changes no text and no format, so it is not an edit:
// - after this page's undo or redo it belongs to that step: redoing "remove bold" must bring back the run boundary
//   the merge removed, or the bold runs on to the end of the line;
// - after another page's change it belongs to no step, and leaves both stacks as they were.
import type { UpdateListenerPayload } from 'lexical';
import * as Y from 'yjs';

type MergeCause = 'undo-or-redo' | 'another-page';

export interface MergeSkipper {
  /** Makes `manager` treat merges as above (once per manager; it keeps its own test for other transactions). */
  attach(manager: Y.UndoManager): void;
  /** Update listener: must run before CollaborationPlugin's (register it first), for every editor update. */
  noteUpdate(update: Pick<UpdateListenerPayload, 'tags' | 'normalizedNodes'>): void;
}

export function createMergeSkipper(): MergeSkipper {
  // Set from an update that merged runs while applying the shared document to the end of that task step:
  // @lexical/yjs writes the merge from its own listener for the same update, right after this one.
  let mergeCause: MergeCause | null = null;
  const attached = new WeakSet<Y.UndoManager>();
  return {
    attach(manager) {
      if (attached.has(manager)) return;
      attached.add(manager);
      // The step the last undo or redo added: the redo step an undo leaves, or the undo step a redo leaves.
      let lastHistoryStep: { item: Y.UndoManager['undoStack'][number]; stack: Y.UndoManager['undoStack'] } | null = null;
      manager.on('stack-item-added', ({ stackItem, origin, type }) => {
        lastHistoryStep = origin === manager ? { item: stackItem, stack: type === 'redo' ? manager.redoStack : manager.undoStack } : null;
      });
      const captures = manager.captureTransaction;
      manager.captureTransaction = (transaction: Y.Transaction) => {
        if (mergeCause === null) return captures(transaction);
        const step = lastHistoryStep;
        if (mergeCause === 'undo-or-redo' && step !== null && step.stack.at(-1) === step.item) addToStep(step.item, transaction, manager);
        return false;
      };
    },
    noteUpdate({ tags, normalizedNodes }) {
      if (normalizedNodes.size === 0) return;
      if (tags.has('historic')) mergeCause = 'undo-or-redo';
      else if (tags.has('collaboration')) mergeCause = 'another-page';
      else return;
      queueMicrotask(() => {
        mergeCause = null;
      });
    },
  };
}

/** Folds `transaction`'s deletions into `step`, keeping what it deleted so that taking the step back restores it. */
function addToStep(step: Y.UndoManager['undoStack'][number], transaction: Y.Transaction, manager: Y.UndoManager): void {
  step.deletions = Y.mergeDeleteSets([step.deletions, transaction.deleteSet]);
  // As the UndoManager does for its own steps: a deleted item it may restore must not be garbage-collected, and
  // this runs in afterTransaction, before the transaction's collection.
  Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
    if (struct instanceof Y.Item && manager.scope.some((type) => type instanceof Y.AbstractType && Y.isParentOf(type, struct))) keepWithParents(struct);
  });
}

function keepWithParents(item: Y.Item | null): void {
  for (let current = item; current !== null && !current.keep; current = (current.parent as Y.AbstractType<unknown>)._item) current.keep = true;
}
