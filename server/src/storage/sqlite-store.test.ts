// Runs the DocumentStore contract against the embedded SQLite store, one fresh database file per test, then what
// only SQLite does: document metadata written at most once a second while a document is edited.
import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SqliteStore } from './sqlite-store';
import { TextWriter, describeStorageContract, textOf } from './storage.case';

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

describe('SqliteStore on a database from before the (doc, seq) log', () => {
  it('moves the rowid log over once, in order, and keeps appending and compacting after it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tandem-sqlite-old-'));
    const dbPath = path.join(dir, 'tandem.db');
    const old = new Database(dbPath);
    old.exec(`
      CREATE TABLE documents (name TEXT PRIMARY KEY, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, bytes INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE updates (id INTEGER PRIMARY KEY AUTOINCREMENT, doc TEXT NOT NULL, data BLOB NOT NULL);
      CREATE INDEX updates_doc ON updates (doc, id);`);
    const writer = new TextWriter();
    const insert = old.prepare('INSERT INTO updates (doc, data) VALUES (?, ?)');
    for (const update of writer.write('o', 'l', 'd')) insert.run('legacy', update);
    insert.run('other', new TextWriter().write('x')[0]!);
    old.prepare('INSERT INTO documents VALUES (?, 1, 1, 0)').run('legacy');
    old.close();

    const store = new SqliteStore({ path: dbPath });
    try {
      const loaded = (await store.load('legacy'))!;
      expect(textOf(loaded.updates)).toBe('old');
      await store.appendBatch(writer.write('!').map((update) => ({ doc: 'legacy', update })));
      const basis = (await store.load('legacy'))!;
      await store.compact('legacy', basis.lastSeq, Y.mergeUpdates(basis.updates));
      expect(textOf((await store.load('legacy'))!.updates)).toBe('old!');
      expect(await store.rowCount('legacy')).toBe(1);
      expect(await store.rowCount('other')).toBe(1);
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('SqliteStore shared by two processes (a server and the admin CLI opening the database directly)', () => {
  it('appends from both, in order, and a compaction keeps what the other appended meanwhile', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tandem-sqlite-two-'));
    const dbPath = path.join(dir, 'tandem.db');
    const server = new SqliteStore({ path: dbPath });
    const cli = new SqliteStore({ path: dbPath });
    try {
      const writer = new TextWriter();
      const [a, b, c, d] = writer.write('a', 'b', 'c', 'd');
      await server.appendBatch([{ doc: 'shared', update: a! }]);
      await cli.appendBatch([{ doc: 'shared', update: b! }]);
      await server.appendBatch([{ doc: 'shared', update: c! }]);
      const basis = (await server.load('shared'))!;
      await cli.appendBatch([{ doc: 'shared', update: d! }]);
      await server.compact('shared', basis.lastSeq, Y.mergeUpdates(basis.updates));
      expect(textOf((await cli.load('shared'))!.updates)).toBe('abcd');
      expect(await server.rowCount('shared')).toBe(2);
    } finally {
      await cli.close();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('SqliteStore replacing a log with the state held in memory (replaceLogNow)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tandem-sqlite-replace-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('replaces every row with the state, and later appends follow it', async () => {
    const store = new SqliteStore({ path: path.join(dir, 'tandem.db') });
    try {
      const writer = new TextWriter();
      await store.appendBatch(writer.write('a', 'b', 'c').map((update) => ({ doc: 'live', update })));
      const state = Y.encodeStateAsUpdate(writer.doc);
      expect(store.replaceLogNow('live', state)).toBe(true);
      expect((await store.load('live'))!.updates).toEqual([state]);
      expect((await store.meta('live'))?.bytes).toBe(state.byteLength);
      await store.appendBatch(writer.write('d').map((update) => ({ doc: 'live', update })));
      expect(textOf((await store.load('live'))!.updates)).toBe('abcd');
    } finally {
      await store.close();
    }
  });

  it('refuses once another process has written to the file, so a row it wrote is never replaced', async () => {
    const dbPath = path.join(dir, 'tandem.db');
    const server = new SqliteStore({ path: dbPath });
    const cli = new SqliteStore({ path: dbPath });
    try {
      const serverWriter = new TextWriter();
      await server.appendBatch(serverWriter.write('server ').map((update) => ({ doc: 'shared', update })));
      // The other process's row: the server's document in memory never saw it.
      await cli.appendBatch(new TextWriter().write('cli ').map((update) => ({ doc: 'shared', update })));
      expect(server.replaceLogNow('shared', Y.encodeStateAsUpdate(serverWriter.doc))).toBe(false);
      expect(textOf((await server.load('shared'))!.updates)).toContain('cli');
      // Only the other process's commits count: after a restart, the server vouches for its rows again.
      await server.close();
      const restarted = new SqliteStore({ path: dbPath });
      try {
        const doc = new Y.Doc();
        for (const update of (await restarted.load('shared'))!.updates) Y.applyUpdate(doc, update);
        expect(restarted.replaceLogNow('shared', Y.encodeStateAsUpdate(doc))).toBe(true);
        expect(await restarted.rowCount('shared')).toBe(1);
        expect(textOf((await restarted.load('shared'))!.updates)).toContain('cli');
      } finally {
        await restarted.close();
      }
    } finally {
      await cli.close();
      await server.close();
    }
  });

  it('does not bring back a deleted document', async () => {
    const store = new SqliteStore({ path: path.join(dir, 'tandem.db') });
    try {
      const writer = new TextWriter();
      await store.appendBatch(writer.write('gone').map((update) => ({ doc: 'deleted', update })));
      await store.delete('deleted');
      expect(store.replaceLogNow('deleted', Y.encodeStateAsUpdate(writer.doc))).toBe(false);
      expect(await store.load('deleted')).toBeNull();
      expect(await store.list()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
