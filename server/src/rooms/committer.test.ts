// When the committer writes: updates of one task share one transaction, a quiet loop commits before the loop
// iteration ends (a task's sole update at once), a busy iteration makes at most two commits, and a failed commit is
// retried in order.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics } from '../metrics/metrics';
import { SqliteStore } from '../storage/sqlite-store';
import type { PendingAppend } from '../storage/storage';
import { Committer, type CommitEntry, type CommitListener } from './committer';

/** A real SQLite store that records each transaction's size and can be told to fail its next commits. */
class RecordingStore extends SqliteStore {
  readonly transactions: string[][] = [];
  failuresLeft = 0;

  override appendBatchNow(batch: readonly PendingAppend[]): void {
    if (this.failuresLeft > 0) {
      this.failuresLeft--;
      throw new Error('disk unavailable (injected)');
    }
    super.appendBatchNow(batch);
    this.transactions.push(batch.map((entry) => new TextDecoder().decode(entry.update)));
  }
}

class RecordingListener implements CommitListener {
  readonly committedUpdates: string[] = [];
  committed(entry: CommitEntry): void {
    this.committedUpdates.push(new TextDecoder().decode(entry.update));
  }
  flushed(): void {}
}

const dirs: string[] = [];
const stores: SqliteStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function setUp() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-committer-'));
  dirs.push(dir);
  const store = new RecordingStore({ path: path.join(dir, 'tandem.db') });
  stores.push(store);
  const committer = new Committer(store, createMetrics(), pino({ level: 'silent' }));
  const listener = new RecordingListener();
  const enqueue = (text: string, isWholeTask = false): void =>
    committer.enqueue({ doc: 'd', update: new TextEncoder().encode(text), frame: new Uint8Array(0), origin: null, listener }, isWholeTask);
  return { store, committer, listener, enqueue };
}

const endOfIteration = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('Committer', () => {
  it('commits the updates of one task in one transaction, before the loop iteration ends', async () => {
    const { store, listener, enqueue } = setUp();
    let committedBeforeIterationEnd: string[] = [];
    setImmediate(() => {
      committedBeforeIterationEnd = [...listener.committedUpdates];
    });
    enqueue('a');
    enqueue('b');
    enqueue('c');
    await endOfIteration();
    expect(committedBeforeIterationEnd).toEqual(['a', 'b', 'c']);
    expect(store.transactions).toEqual([['a', 'b', 'c']]);
  });

  it('makes at most two commits per busy loop iteration, in arrival order', async () => {
    const { store, listener, enqueue } = setUp();
    // Four updates, each in a task of its own, all in one loop iteration (immediates queued together run in one
    // check phase); the fifth immediate ends the wait.
    await new Promise<void>((resolve) => {
      for (const text of ['1', '2', '3', '4']) setImmediate(() => enqueue(text));
      setImmediate(resolve);
    });
    await endOfIteration();
    await endOfIteration();
    expect(listener.committedUpdates).toEqual(['1', '2', '3', '4']);
    expect(store.transactions).toEqual([['1'], ['2', '3', '4']]);
  });

  it('commits a whole-task update inside the enqueue call when the loop is quiet', async () => {
    const { store, listener, enqueue } = setUp();
    enqueue('keystroke', true);
    expect(listener.committedUpdates).toEqual(['keystroke']);
    expect(store.transactions).toEqual([['keystroke']]);
  });

  it('commits a whole-task update with what its task queued before it, in one transaction', async () => {
    const { store, listener, enqueue } = setUp();
    enqueue('earlier message');
    enqueue('sole update', true);
    expect(listener.committedUpdates).toEqual([]);
    await endOfIteration();
    expect(listener.committedUpdates).toEqual(['earlier message', 'sole update']);
    expect(store.transactions).toEqual([['earlier message', 'sole update']]);
  });

  it('keeps a whole-task update for the end of an iteration that has already committed', async () => {
    const { store, listener, enqueue } = setUp();
    await new Promise<void>((resolve) => {
      setImmediate(() => enqueue('1', true));
      setImmediate(() => enqueue('2', true));
      setImmediate(() => enqueue('3', true));
      setImmediate(resolve);
    });
    expect(listener.committedUpdates).toEqual(['1']);
    await endOfIteration();
    await endOfIteration();
    expect(listener.committedUpdates).toEqual(['1', '2', '3']);
    expect(store.transactions).toEqual([['1'], ['2', '3']]);
  });

  it('keeps a failed batch and retries it before anything newer, telling listeners only once it is stored', async () => {
    const { store, committer, listener, enqueue } = setUp();
    store.failuresLeft = 1;
    enqueue('first');
    await endOfIteration();
    expect(listener.committedUpdates).toEqual([]);
    enqueue('second');
    await committer.drain();
    expect(listener.committedUpdates).toEqual(['first', 'second']);
    expect(store.transactions.flat()).toEqual(['first', 'second']);
    const reopened = await store.load('d');
    expect(reopened?.updates.map((update) => new TextDecoder().decode(update))).toEqual(['first', 'second']);
  });
});
