// Runs one Yjs transaction with a caller's origin and hands back the update it produced (null if it changed
// nothing), so conversions can return exactly the bytes they wrote into a live document.
import type * as Y from 'yjs';

export function transactCapturingUpdate(
  doc: Y.Doc,
  fn: (transaction: Y.Transaction) => void,
  origin: unknown,
): Uint8Array | null {
  let own: Y.Transaction | null = null;
  let produced: Uint8Array | null = null;
  const onUpdate = (update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction): void => {
    if (transaction === own) produced = update;
  };
  doc.on('update', onUpdate);
  try {
    doc.transact((transaction) => {
      own = transaction;
      fn(transaction);
    }, origin);
  } finally {
    doc.off('update', onUpdate);
  }
  return produced;
}
