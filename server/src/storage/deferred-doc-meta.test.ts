// The bookkeeping behind SQLite's deferred `documents` rows: what is written when, and that no byte is lost.
import { describe, expect, it } from 'vitest';
import { DeferredDocMeta } from './deferred-doc-meta';

const append = (doc: string, bytes: number) => ({ doc, update: new Uint8Array(bytes) });

describe('DeferredDocMeta', () => {
  it('writes a document on its first commit, then holds and sums its changes until the interval has passed', () => {
    const meta = new DeferredDocMeta(1_000);
    const first = meta.plan([append('a', 10)], 0);
    expect([...first.due]).toEqual([['a', { updatedAt: 0, bytes: 10 }]]);
    meta.committed(first, 0);

    const second = meta.plan([append('a', 5), append('a', 7)], 400);
    expect(second.due.size).toBe(0);
    meta.committed(second, 400);
    expect([...meta.pending]).toEqual([['a', { updatedAt: 400, bytes: 12 }]]);

    const third = meta.plan([append('a', 1)], 1_000);
    expect([...third.due]).toEqual([['a', { updatedAt: 1_000, bytes: 13 }]]);
    meta.committed(third, 1_000);
    expect(meta.pending.size).toBe(0);
  });

  it('changes nothing for a plan whose transaction never committed', () => {
    const meta = new DeferredDocMeta(1_000);
    meta.committed(meta.plan([append('a', 10)], 0), 0);
    meta.plan([append('a', 99)], 100); // rolled back: never reported as committed
    const next = meta.plan([append('a', 1)], 200);
    expect(next.changes.get('a')?.bytes).toBe(1);
  });

  it('hands over everything waiting for a read, then starts afresh', () => {
    const meta = new DeferredDocMeta(1_000);
    meta.committed(meta.plan([append('a', 1), append('b', 2)], 0), 0);
    meta.committed(meta.plan([append('a', 3), append('b', 4)], 10), 10);
    expect([...meta.pending.keys()].sort()).toEqual(['a', 'b']);
    meta.flushed(20);
    expect(meta.pending.size).toBe(0);
    // Written at 20: a commit at 500 waits again, one at 1_020 is due.
    expect(meta.plan([append('a', 1)], 500).due.size).toBe(0);
    expect(meta.plan([append('a', 1)], 1_020).due.size).toBe(1);
  });

  it('forgets a deleted document, so its next commit writes its row at once', () => {
    const meta = new DeferredDocMeta(1_000);
    meta.committed(meta.plan([append('a', 1)], 0), 0);
    meta.committed(meta.plan([append('a', 1)], 10), 10);
    meta.forget('a');
    expect(meta.pending.size).toBe(0);
    expect(meta.plan([append('a', 1)], 20).due.size).toBe(1);
  });

  it('keeps the same books for one row committed without a plan (a keystroke) as for a plan of it', () => {
    const planned = new DeferredDocMeta(1_000);
    const lone = new DeferredDocMeta(1_000);
    for (const meta of [planned, lone]) meta.committed(meta.plan([append('a', 10)], 0), 0);
    for (const [now, bytes] of [[100, 3], [200, 4], [300, 5]] as const) {
      expect(lone.isDue('a', now)).toBe(false);
      planned.committed(planned.plan([append('a', bytes)], now), now);
      lone.committedOneWaiting('a', bytes, now);
    }
    expect([...lone.pending]).toEqual([...planned.pending]);
    expect([...lone.pending]).toEqual([['a', { updatedAt: 300, bytes: 12 }]]);
    expect(lone.isDue('a', 1_000)).toBe(true);
    expect(lone.isDue('b', 300)).toBe(true);
  });
});
