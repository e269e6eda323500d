// The background checkpointer: committed pages reach the database file without the committing connection ever
// checkpointing (when writing pauses, or past a WAL size limit while it goes on), and a checkpointer that cannot
// work hands checkpoints back to the commits.
import Database from 'better-sqlite3';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore } from './sqlite-store';
import { WalCheckpointer } from './wal-checkpointer';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tandem-wal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('WalCheckpointer', () => {
  it('copies committed pages into the database file from its own thread once writing pauses, keeping the WAL bounded', async () => {
    const dbPath = path.join(dir, 'tandem.db');
    const store = new SqliteStore({ path: dbPath, checkpoints: { checkEveryMs: 20, idleMs: 50 } });
    const checkpointer = (store as unknown as { checkpointer: WalCheckpointer }).checkpointer;
    try {
      const before = (await stat(dbPath)).size;
      const update = new Uint8Array(2_000).fill(7);
      for (let i = 0; i < 200; i++) await store.appendBatch([{ doc: 'wal', update }]);
      // 400 kB of rows: only a checkpoint moves them from the WAL into the main file. SQLite extends the file before
      // it copies the pages, so the size alone does not say the checkpoint is over: wait for the worker's word.
      await expect.poll(() => checkpointer.isCheckpointed, { timeout: 5_000 }).toBe(true);
      expect((await stat(dbPath)).size).toBeGreaterThan(before + 300_000);
      // Once checkpointed, the next commit starts the WAL over instead of appending to it: as many commits again
      // leave the file about as large as before, not twice as large.
      const walBefore = (await stat(`${dbPath}-wal`)).size;
      for (let i = 0; i < 200; i++) await store.appendBatch([{ doc: 'wal', update }]);
      expect((await stat(`${dbPath}-wal`)).size).toBeLessThan(walBefore * 1.5);
      expect((await store.load('wal'))?.updates).toHaveLength(400);
    } finally {
      await store.close();
    }
  });

  it('checkpoints while commits keep coming once the WAL has grown past its limit', async () => {
    const dbPath = path.join(dir, 'tandem.db');
    // Never idle long enough for an idle checkpoint: only the size limit can trigger one.
    const store = new SqliteStore({ path: dbPath, checkpoints: { checkEveryMs: 20, idleMs: 60_000, maxWalBytes: 200_000 } });
    try {
      const before = (await stat(dbPath)).size;
      const update = new Uint8Array(2_000).fill(7);
      const deadline = Date.now() + 10_000;
      let commits = 0;
      while ((await stat(dbPath)).size <= before && Date.now() < deadline) {
        await store.appendBatch([{ doc: 'busy', update }]);
        commits++;
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect((await stat(dbPath)).size).toBeGreaterThan(before);
      expect((await store.load('busy'))?.updates).toHaveLength(commits);
    } finally {
      await store.close();
    }
  });

  it('starts its thread with the first checkpoint, retires it when there is nothing to checkpoint, and starts it again', async () => {
    const dbPath = path.join(dir, 'tandem.db');
    const store = new SqliteStore({ path: dbPath, checkpoints: { checkEveryMs: 20, idleMs: 50, retireAfterMs: 300 } });
    const checkpointer = (store as unknown as { checkpointer: WalCheckpointer }).checkpointer;
    try {
      expect(checkpointer.hasWorker).toBe(false);
      const update = new Uint8Array(2_000).fill(7);
      const before = (await stat(dbPath)).size;
      for (let i = 0; i < 100; i++) await store.appendBatch([{ doc: 'retire', update }]);
      // Only a checkpoint moves rows into the main file, and the main connection never checkpoints: a thread ran.
      await expect.poll(async () => (await stat(dbPath)).size, { timeout: 5_000 }).toBeGreaterThan(before + 150_000);
      await expect.poll(() => checkpointer.hasWorker, { timeout: 5_000 }).toBe(false);
      // The next checkpoint starts a thread again and lands in the file.
      const afterFirst = (await stat(dbPath)).size;
      for (let i = 0; i < 100; i++) await store.appendBatch([{ doc: 'retire', update }]);
      await expect.poll(async () => (await stat(dbPath)).size, { timeout: 5_000 }).toBeGreaterThan(afterFirst + 150_000);
      expect((await store.load('retire'))?.updates).toHaveLength(200);
    } finally {
      await store.close();
    }
  });

  it('hands checkpoints back to the commits when the worker cannot open the database', async () => {
    const db = new Database(path.join(dir, 'main.db'));
    db.pragma('journal_mode = WAL');
    const reasons: string[] = [];
    const checkpointer = new WalCheckpointer(db, {
      path: path.join(dir, 'missing', 'other.db'),
      checkEveryMs: 20,
      idleMs: 0,
      onFallback: (reason) => reasons.push(reason),
    });
    try {
      checkpointer.noteCommit(100);
      await expect.poll(() => reasons, { timeout: 5_000 }).toHaveLength(1);
      expect(reasons[0]).toMatch(/cannot open .*other\.db for checkpoints/);
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    } finally {
      await checkpointer.stop();
      db.close();
    }
  });
});
