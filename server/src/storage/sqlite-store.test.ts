// Runs the DocumentStore contract against the embedded SQLite store, one fresh database file per test, then what
// only SQLite does: document metadata written at most once a second while a document is edited.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore } from './sqlite-store';
import { describeStorageContract } from './storage.case';

describeStorageContract('SqliteStore', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'tandem-sqlite-'));
  const store = new SqliteStore({ path: path.join(dir, 'tandem.db') });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteStore document metadata', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tandem-sqlite-meta-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const update = (n: number) => new Uint8Array(n).fill(1);

  it('reports exact bytes and the latest updatedAt right after a burst of commits', async () => {
    const store = new SqliteStore({ path: path.join(dir, 'tandem.db') });
    try {
      const startedAt = Date.now();
      for (let i = 0; i < 50; i++) await store.appendBatch([{ doc: 'burst', update: update(10) }]);
      const meta = await store.meta('burst');
      expect(meta?.bytes).toBe(500);
      expect(meta?.updatedAt).toBeGreaterThanOrEqual(startedAt);
      expect((await store.list()).find((d) => d.name === 'burst')?.bytes).toBe(500);
    } finally {
      await store.close();
    }
  });

  it('repairs byte counts a crash left behind when the document loads again', async () => {
    const dbPath = path.join(dir, 'tandem.db');
    const crashed = new SqliteStore({ path: dbPath });
    // Commits in quick succession: after the first, the documents row waits in memory. The store is never
    // closed, as if the process had been killed.
    for (let i = 0; i < 20; i++) await crashed.appendBatch([{ doc: 'crash', update: update(7) }]);
    const restarted = new SqliteStore({ path: dbPath });
    try {
      expect((await restarted.load('crash'))?.bytes).toBe(140);
      expect((await restarted.meta('crash'))?.bytes).toBe(140);
    } finally {
      await restarted.close();
      await crashed.close();
    }
  });
});
