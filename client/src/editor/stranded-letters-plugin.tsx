// Moves this person's letters that a collaborator's Enter or Backspace left behind to where the text went
// (stranded-letters.ts), with the caret when it sat in them, so typing goes on in the right line; and takes out the
// second copy of a line's end when this person and a collaborator pressed Enter in it at once (twice-moved-letters.ts).
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useEffect } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { DOCUMENT_EVENTS_KEY, readReplacement } from '../../../shared/replacement-notice';
import { $placeCaret, caretOf, type CollabBinding, type StoredCaret } from './caret-position';
import { collabUndoManagerOf } from './collab-undo-manager';
import { findStrandedRuns, moveStrandedRuns, STRANDED_LETTERS_ORIGIN, type StrandedRun } from './stranded-letters';
import { deleteTwiceMovedLetters, findTwiceMovedLetters, OwnEnters } from './twice-moved-letters';
import { undoStepsTakeCopies } from './undo-takes-moved-letters';

export interface StrandedLettersPluginProps {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly bindingOf: () => CollabBinding | null;
}

export function StrandedLettersPlugin({ doc, awareness, bindingOf }: StrandedLettersPluginProps) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    let caretAfterMove: StoredCaret | null = null;
    const ownEnters = new OwnEnters();
    /** Moves begun whose transactions have not ended yet: the caret is placed once the last has reached the editor. */
    let movesUnderWay = 0;
    // Read as a collaborator's change begins: once the editor has shown it, a caret in letters it stranded has been
    // put somewhere else already (and published).
    let caretBeforeChange: StoredCaret | null = null;
    const onTransactionStart = (transaction: Y.Transaction): void => {
      if (!transaction.local) caretBeforeChange = caretOf(awareness.getLocalState());
    };
    // Found before the editor shows the change, moved once it has (below): showing it can delete some of them.
    // Letters typed unseen at the start of a line that someone's Enter moved whole sat after the moved text node's
    // removed properties; the binding deleted them as belonging to no node, so they were gone, and the caret with
    // them stayed on the emptied line (a walk-through: 6 of 11 fast tries).
    let strandedRuns: { transaction: Y.Transaction; runs: StrandedRun[] } | null = null;
    const onBeforeObservers = (transaction: Y.Transaction): void => {
      // Read-only pages type nothing, so they strand nothing. A restore or import replaces the whole content on
      // purpose: words typed against the old content meanwhile go to a version of their own (the server keeps them),
      // not into the new content, even where it holds the same letters.
      if (transaction.local || !editor.isEditable() || isPartOfReplacement(doc, transaction)) return;
      strandedRuns = { transaction, runs: findStrandedRuns(transaction, doc.clientID) };
    };
    const onTransaction = (transaction: Y.Transaction): void => {
      if (transaction.origin === STRANDED_LETTERS_ORIGIN) {
        // The move's own transaction, now shown in the editor: the caret goes where its letters went.
        movesUnderWay = Math.max(0, movesUnderWay - 1);
        if (movesUnderWay > 0) return;
        const caret = caretAfterMove;
        const binding = bindingOf();
        caretAfterMove = null;
        if (caret === null || binding === null) return;
        editor.update(() => $placeCaret(binding, caret));
        // Published as CollaborationPlugin would, which it does not for a change that came from Yjs.
        const state = awareness.getLocalState();
        if (state !== null) awareness.setLocalState({ ...state, anchorPos: caret.anchorPos, focusPos: caret.focusPos });
        return;
      }
      if (transaction.local) {
        ownEnters.note(transaction);
        return;
      }
      const runs = strandedRuns?.transaction === transaction ? strandedRuns.runs : null;
      strandedRuns = null;
      if (runs === null) return; // read-only, or part of a replacement (onBeforeObservers)
      const caret = caretBeforeChange;
      // Each runs once this transaction's observers are done (Yjs queues a transaction begun in another's cleanup).
      const twiceMoved = findTwiceMovedLetters(transaction, doc.clientID, ownEnters);
      if (twiceMoved.length > 0) {
        const positions = caret === null ? [] : [caret.anchorPos, caret.focusPos];
        movesUnderWay++;
        const [anchorPos, focusPos] = deleteTwiceMovedLetters(doc, twiceMoved, STRANDED_LETTERS_ORIGIN, positions);
        if (caret !== null && anchorPos !== undefined && focusPos !== undefined && (anchorPos !== caret.anchorPos || focusPos !== caret.focusPos)) {
          caretAfterMove = { anchorPos, focusPos };
        }
      }
      if (runs.length === 0) return;
      movesUnderWay++;
      const moved = moveStrandedRuns(doc, runs);
      const undoManager = collabUndoManagerOf(editor);
      if (undoManager !== undefined) undoStepsTakeCopies(undoManager, moved.copies);
      if (caret === null) return;
      const anchorPos = moved.position(caret.anchorPos);
      const focusPos = moved.position(caret.focusPos);
      if (anchorPos !== caret.anchorPos || focusPos !== caret.focusPos) caretAfterMove = { anchorPos, focusPos };
    };
    doc.on('beforeTransaction', onTransactionStart);
    doc.on('beforeObserverCalls', onBeforeObservers);
    doc.on('afterTransaction', onTransaction);
    return () => {
      doc.off('beforeTransaction', onTransactionStart);
      doc.off('beforeObserverCalls', onBeforeObservers);
      doc.off('afterTransaction', onTransaction);
    };
  }, [editor, doc, awareness, bindingOf]);
  return null;
}

/** Whether `transaction` brings a replacement's notice, or comes while a replacement is under way. */
function isPartOfReplacement(doc: Y.Doc, transaction: Y.Transaction): boolean {
  const notices: object = doc.getMap(DOCUMENT_EVENTS_KEY);
  for (const changed of transaction.changed.keys()) if (changed === notices) return true;
  return readReplacement(doc)?.isComplete === false;
}
