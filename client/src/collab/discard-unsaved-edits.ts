// Drops what this browser holds of a document that the server does not: the stored local copy (IndexedDB and the
// last-moment copy) and the ledger of unsaved client ids. The way out of a change the server refused: the next
// session of the document starts from the server's state, and a reload cannot send the refused change again.
import type { LocalCopy } from './local-copy';
import type { UnsavedLedger } from './unsaved-ledger';

export interface DiscardDeps {
  readonly localCopy: Pick<LocalCopy, 'clear'>;
  readonly ledger: Pick<UnsavedLedger, 'clear' | 'flush'>;
}

/**
 * Resolves once nothing of the unsaved edits is left in storage. The ledger is cleared only after the copy is gone:
 * should clearing the copy fail, its edits come back on the next load, and the ledger must still call them unsaved.
 */
export async function discardUnsavedEdits({ localCopy, ledger }: DiscardDeps): Promise<void> {
  await localCopy.clear();
  // Written now, not after the ledger's usual delay: the next session reads it as it opens.
  ledger.clear();
  ledger.flush();
}
