// Letters moved for this person (stranded-letters.ts) are typed again by this page in a transaction of its own,
// which the undo history does not record: Ctrl+Z then took back only the letters of a step that had not moved
// ("beta gamma BENWOR delta" after typing "BENWORDSHERE" while someone pressed Enter earlier in the line), or did
// nothing at all (a word typed offline). Each undo step that typed a moved letter now counts its copy among what it
// typed: undoing the step takes the copy away, and redoing it brings the copy back where it is now. The letter left
// behind stays deleted, as the step typed it (Yjs never brings back what a step both typed and lost).
import * as Y from 'yjs';
import type { LetterCopy } from './stranded-letters';

type DeleteSet = ReturnType<typeof Y.createDeleteSet>;

export function undoStepsTakeCopies(undoManager: Y.UndoManager, copies: readonly LetterCopy[]): void {
  if (copies.length === 0) return;
  for (const step of undoManager.undoStack) {
    const typedCopies = copies.filter(({ original }) => Y.isDeleted(step.insertions, original)).map(({ copy }) => copy);
    if (typedCopies.length > 0) step.insertions = Y.mergeDeleteSets([step.insertions, idsAsDeleteSet(typedCopies)]);
  }
}

/** `ids` as a DeleteSet (Yjs's set of ID ranges: a run of clocks per client), the shape undo steps keep. */
function idsAsDeleteSet(ids: readonly Y.ID[]): DeleteSet {
  const set = Y.createDeleteSet();
  for (const { client, clock } of ids) {
    const ranges = set.clients.get(client) ?? [];
    ranges.push({ clock, len: 1 });
    set.clients.set(client, ranges);
  }
  // Merging sorts each client's ranges and joins neighbours.
  return Y.mergeDeleteSets([set]);
}
