// Merging update logs on a worker thread: the same state as on the event loop, errors that name the cause, a thread
// that exits when idle, and merges that still finish when the thread cannot run.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { mergeToState } from './merge-to-state';
import { StateMerger } from './state-merger';

const mergers: StateMerger[] = [];
afterEach(async () => {
  for (const merger of mergers.splice(0)) await merger.close();
});

function newMerger(options: ConstructorParameters<typeof StateMerger>[0] = {}): StateMerger {
  const merger = new StateMerger(options);
  mergers.push(merger);
  return merger;
}

/** An update log: many small edits, with deletions, as a room would store them. */
function editLog(): Uint8Array[] {
  const doc = new Y.Doc();
  const log: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => log.push(update));
  const text = doc.getText('t');
  for (let i = 0; i < 300; i++) {
    text.insert(text.length, `${i} `);
    if (i % 5 === 0) text.delete(0, 2);
  }
  return log;
}

const textOf = (state: Uint8Array): string => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc.getText('t').toString();
};

describe('StateMerger', () => {
  it('merges on its thread to the same state as on the event loop', async () => {
    const merger = newMerger();
    const log = editLog();
    const merged = await merger.merge(log);
    expect(merger.hasWorker).toBe(true);
    expect(merged).toEqual(mergeToState(log));
    expect(textOf(merged)).toBe(textOf(mergeToState(log)));
  });

  it('rejects a log that does not apply, naming it, and keeps merging after it', async () => {
    const merger = newMerger();
    await expect(merger.merge([new Uint8Array([1, 2, 3, 250, 255, 255])])).rejects.toThrow(/update log does not merge/);
    const log = editLog();
    expect(textOf(await merger.merge(log))).toBe(textOf(mergeToState(log)));
  });

  it('ends its thread after a quiet spell and starts it again for the next merge', async () => {
    const merger = newMerger({ retireAfterMs: 50 });
    await merger.merge(editLog());
    expect(merger.hasWorker).toBe(true);
    await vi.waitFor(() => expect(merger.hasWorker).toBe(false));
    const log = editLog();
    expect(await merger.merge(log)).toEqual(mergeToState(log));
  });

  it('merges on the event loop when its thread cannot start, and says so once', async () => {
    const onFallback = vi.fn();
    const merger = newMerger({ workerUrl: new URL('./no-such-worker.mjs', import.meta.url), onFallback });
    const log = editLog();
    expect(await merger.merge(log)).toEqual(mergeToState(log));
    expect(await merger.merge(log)).toEqual(mergeToState(log));
    expect(onFallback).toHaveBeenCalledTimes(1);
  });
});
