import { describe, expect, it } from 'vitest';
import { discardUnsavedEdits } from './discard-unsaved-edits';

/** A local copy whose clearing finishes when the test says, and a ledger that records when it was cleared. */
function fakes() {
  const events: string[] = [];
  let finish: { resolve: () => void; reject: (error: Error) => void } | undefined;
  const localCopy = {
    clear: () =>
      new Promise<void>((resolve, reject) => {
        events.push('copy-clearing');
        finish = { resolve, reject };
      }),
  };
  const ledger = { clear: () => void events.push('ledger-cleared'), flush: () => void events.push('ledger-written') };
  return { events, localCopy, ledger, finish: () => finish! };
}

describe('discardUnsavedEdits', () => {
  it('clears the ledger of unsaved client ids only once the stored copy is gone', async () => {
    const { events, localCopy, ledger, finish } = fakes();
    const discarding = discardUnsavedEdits({ localCopy, ledger });
    await Promise.resolve();
    expect(events).toEqual(['copy-clearing']);
    finish().resolve();
    await discarding;
    expect(events).toEqual(['copy-clearing', 'ledger-cleared', 'ledger-written']);
  });

  it('keeps the ledger, and fails, when the stored copy could not be cleared: its edits still count as unsaved', async () => {
    const { events, localCopy, ledger, finish } = fakes();
    const discarding = discardUnsavedEdits({ localCopy, ledger });
    finish().reject(new Error('IndexedDB refused'));
    await expect(discarding).rejects.toThrow('IndexedDB refused');
    expect(events).toEqual(['copy-clearing']);
  });
});
