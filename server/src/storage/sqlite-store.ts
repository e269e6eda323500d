// Embedded storage: one SQLite file in WAL mode. better-sqlite3 is synchronous, so each method runs in one
// transaction and can never interleave with another; the async signatures only satisfy DocumentStore.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { DataDirLock } from './data-dir-lock';
import { DeferredDocMeta, type DocMetaChange } from './deferred-doc-meta';
import { WalCheckpointer } from './wal-checkpointer';
import type {
  DocMeta,
  DocumentStore,
  NewSnapshot,
  PendingAppend,
  SnapshotKind,
  SnapshotMeta,
  StoredUpdates,
} from './storage';

// The update log is one B-tree keyed (doc, seq): a keystroke's commit writes one page of it, where a rowid table
// with an index on (doc, id) and an AUTOINCREMENT counter wrote three. The store picks each seq (see appendRow).
const SCHEMA = `
CREATE TABLE IF NOT EXISTS documents (
  name TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  bytes INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS doc_updates (
  doc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (doc, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS snapshots (
  id TEXT PRIMARY KEY,
  doc TEXT NOT NULL,
  label TEXT,
  author TEXT,
  kind TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS snapshots_doc ON snapshots (doc, created_at);
CREATE TABLE IF NOT EXISTS deleted_documents (
  name TEXT PRIMARY KEY,
  deleted_at INTEGER NOT NULL
) WITHOUT ROWID;
`;

interface SnapshotRow {
  id: string;
  doc: string;
  label: string | null;
  author: string | null;
  kind: SnapshotKind;
  created_at: number;
  bytes: number;
}

interface DocRow {
  name: string;
  created_at: number;
  updated_at: number;
  bytes: number;
}

export interface SqliteStoreOptions {
  path: string;
  /** When the background thread checkpoints the WAL (see WalCheckpointerOptions; tests shorten the waits). */
  checkpoints?: { checkEveryMs?: number; idleMs?: number; maxWalBytes?: number; retireAfterMs?: number };
  /** Told when background checkpoints fail and commits checkpoint on the event loop again. */
  onWarning?: (message: string) => void;
  /** The server's hold on its DATA_DIR (see data-dir-lock.ts), released when the store closes. */
  lock?: DataDirLock;
}

/** How long a document's updatedAt and byte count may wait in memory before they are written (deferred-doc-meta.ts). */
const META_WRITE_INTERVAL_MS = 1_000;

export class SqliteStore implements DocumentStore {
  private readonly db: Database.Database;
  private readonly checkpointer: WalCheckpointer | null;
  private readonly statements;
  private readonly appendTx;
  private readonly compactTx;
  private readonly replaceLogTx;
  private readonly deleteTx;
  private lastTimestamp = 0;
  /**
   * At least every `seq` this process has written or read. A new row's seq is one above both this and the largest
   * seq of its document (read inside the write transaction), so it lies above the cursor of any compaction that read
   * the log before it, even when another process (the admin CLI opening the database directly) wrote meanwhile.
   */
  private lastSeq = 0;
  private readonly docMeta = new DeferredDocMeta(META_WRITE_INTERVAL_MS);
  private metaTimer: NodeJS.Timeout | null = null;
  private readonly writeMetaTx;
  private readonly onWarning: (message: string) => void;
  private readonly lock: DataDirLock | null;
  /**
   * Names deleted and not created again, so appends to them are dropped without a query on the keystroke path. One
   * server per DATA_DIR (data-dir-lock.ts) makes this process the only writer that deletes while rooms are live.
   */
  private readonly deletedNames: Set<string>;
  /**
   * SQLite's data_version as this connection first read it: it changes once another connection commits (the admin
   * CLI opening the database directly). Checkpoints, PASSIVE as the checkpoint thread runs them, leave it alone.
   */
  private readonly dataVersionAtOpen: number;
  /** Another process has written since this store opened (see replaceLogNow); stays true once seen. */
  private hasOtherWriter = false;

  constructor(options: SqliteStoreOptions) {
    this.lock = options.lock ?? null;
    this.db = new Database(options.path);
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode survives process crashes (SIGKILL); only a power loss may drop the last commits.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    // A large compaction can grow the WAL; it is cut back to this size once checkpointed.
    this.db.pragma(`journal_size_limit = ${64 * 2 ** 20}`);
    this.db.exec(SCHEMA);
    migrateRowidLog(this.db);
    this.onWarning = options.onWarning ?? (() => undefined);
    this.checkpointer = options.path === ':memory:' ? null : new WalCheckpointer(this.db, {
      path: options.path,
      ...options.checkpoints,
      onFallback: (reason) => this.onWarning(`background WAL checkpoints stopped (${reason}); commits checkpoint again`),
    });
    const db = this.db;
    this.statements = {
      // One statement picks the seq and inserts (see appendRow): above this process's counter and the doc's rows.
      insertUpdate: db.prepare<[string, number, string, Uint8Array], { seq: number }>(
        `INSERT INTO doc_updates (doc, seq, data)
         VALUES (?, MAX(?, COALESCE((SELECT MAX(seq) FROM doc_updates WHERE doc = ?), 0)) + 1, ?)
         RETURNING seq`,
      ),
      touchDoc: db.prepare<[{ doc: string; now: number; bytes: number }]>(
        `INSERT INTO documents (name, created_at, updated_at, bytes) VALUES (@doc, @now, @now, @bytes)
         ON CONFLICT(name) DO UPDATE SET updated_at = @now, bytes = bytes + @bytes`,
      ),
      loadUpdates: db.prepare<[string], { seq: number; data: Buffer }>('SELECT seq, data FROM doc_updates WHERE doc = ? ORDER BY seq'),
      deleteUpTo: db.prepare<[string, number]>('DELETE FROM doc_updates WHERE doc = ? AND seq <= ?'),
      sumBytes: db.prepare<[string], { bytes: number | null }>('SELECT SUM(length(data)) AS bytes FROM doc_updates WHERE doc = ?'),
      setBytes: db.prepare<[number, number, string]>('UPDATE documents SET bytes = ?, updated_at = ? WHERE name = ?'),
      rowCount: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM doc_updates WHERE doc = ?'),
      list: db.prepare<[], DocRow>('SELECT name, created_at, updated_at, bytes FROM documents ORDER BY updated_at DESC'),
      meta: db.prepare<[string], DocRow>('SELECT name, created_at, updated_at, bytes FROM documents WHERE name = ?'),
      deleteDoc: db.prepare<[string]>('DELETE FROM documents WHERE name = ?'),
      deleteUpdates: db.prepare<[string]>('DELETE FROM doc_updates WHERE doc = ?'),
      deleteSnapshots: db.prepare<[string]>('DELETE FROM snapshots WHERE doc = ?'),
      insertSnapshot: db.prepare(
        'INSERT INTO snapshots (id, doc, label, author, kind, created_at, bytes, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      listSnapshots: db.prepare<[string], SnapshotRow>(
        'SELECT id, doc, label, author, kind, created_at, bytes FROM snapshots WHERE doc = ? ORDER BY created_at DESC, rowid DESC',
      ),
      getSnapshot: db.prepare<[string, string], SnapshotRow & { data: Buffer }>(
        'SELECT id, doc, label, author, kind, created_at, bytes, data FROM snapshots WHERE doc = ? AND id = ?',
      ),
      pruneSnapshots: db.prepare<[string, string, string, string, number]>(
        `DELETE FROM snapshots WHERE doc = ? AND kind = ? AND id NOT IN (
           SELECT id FROM snapshots WHERE doc = ? AND kind = ? ORDER BY created_at DESC, rowid DESC LIMIT ?)`,
      ),
      ping: db.prepare('SELECT 1'),
      insertDeleted: db.prepare<[string, number]>(
        'INSERT INTO deleted_documents (name, deleted_at) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET deleted_at = excluded.deleted_at',
      ),
      isDeleted: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM deleted_documents WHERE name = ?'),
      clearDeleted: db.prepare<[string]>('DELETE FROM deleted_documents WHERE name = ?'),
    };
    this.dataVersionAtOpen = this.dataVersion();
    this.deletedNames = new Set(db.prepare<[], { name: string }>('SELECT name FROM deleted_documents').all().map((row) => row.name));
    const s = this.statements;
    this.appendTx = db.transaction((batch: readonly PendingAppend[], metaDue: ReadonlyMap<string, DocMetaChange>) => {
      for (const { doc, update } of batch) this.appendRow(doc, update);
      for (const [doc, meta] of metaDue) s.touchDoc.run({ doc, now: meta.updatedAt, bytes: meta.bytes });
    });
    this.writeMetaTx = db.transaction((metas: ReadonlyMap<string, DocMetaChange>) => {
      for (const [doc, meta] of metas) s.touchDoc.run({ doc, now: meta.updatedAt, bytes: meta.bytes });
    });
    this.compactTx = db.transaction((doc: string, upToSeq: number, merged: Uint8Array, now: number) => {
      // Rows appended after the compactor read the log have a seq above upToSeq (the counter never goes back, even
      // after this very delete, and SQLite has one writer), so they survive.
      if (!s.meta.get(doc)) return; // deleted since the compactor read it: do not bring it back
      if (s.deleteUpTo.run(doc, upToSeq).changes === 0) return; // already merged or deleted meanwhile
      this.lastSeq = Math.max(this.lastSeq, upToSeq);
      this.appendRow(doc, merged);
      const bytes = s.sumBytes.get(doc)?.bytes ?? 0;
      s.setBytes.run(bytes, now, doc);
    });
    this.replaceLogTx = db.transaction((doc: string, state: Uint8Array, now: number): boolean => {
      // Read under the write lock (an IMMEDIATE transaction): no other process can commit between this and the delete.
      if (this.dataVersion() !== this.dataVersionAtOpen) {
        this.hasOtherWriter = true;
        return false;
      }
      if (!s.meta.get(doc)) return false; // deleted: do not bring it back
      s.deleteUpdates.run(doc);
      this.appendRow(doc, state);
      s.setBytes.run(state.byteLength, now, doc);
      return true;
    });
    this.deleteTx = db.transaction((doc: string, now: number) => {
      s.deleteUpdates.run(doc);
      s.deleteSnapshots.run(doc);
      const existed = s.deleteDoc.run(doc).changes > 0;
      if (existed) s.insertDeleted.run(doc, now);
      return existed;
    });
  }

  async ready(): Promise<void> {}

  async ping(): Promise<boolean> {
    return this.statements.ping.get() !== undefined;
  }

  async load(doc: string): Promise<StoredUpdates | null> {
    const rows = this.statements.loadUpdates.all(doc);
    if (rows.length === 0) return this.statements.meta.get(doc) ? { updates: [], lastSeq: 0, bytes: 0 } : null;
    let bytes = 0;
    const updates = rows.map((row) => {
      bytes += row.data.byteLength;
      return new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength);
    });
    // A crash can lose the last second of byte counts (see META_WRITE_INTERVAL_MS); the rows are the truth.
    this.writePendingMeta();
    const meta = this.statements.meta.get(doc);
    if (meta && meta.bytes !== bytes) this.statements.setBytes.run(bytes, meta.updated_at, doc);
    const lastSeq = rows[rows.length - 1]!.seq;
    this.lastSeq = Math.max(this.lastSeq, lastSeq);
    return { updates, lastSeq, bytes };
  }

  async appendBatch(batch: readonly PendingAppend[]): Promise<void> {
    this.appendBatchNow(batch);
  }

  appendBatchNow(batch: readonly PendingAppend[]): void {
    // Copied only when it holds a deleted document: the keystroke path allocates nothing for this check.
    if (this.deletedNames.size > 0 && this.holdsDeleted(batch)) batch = batch.filter(({ doc }) => !this.deletedNames.has(doc));
    if (batch.length === 0) return;
    const now = this.now();
    const lone = batch.length === 1 ? batch[0]! : null;
    if (lone && !this.docMeta.isDue(lone.doc, now)) {
      // A lone row with no metadata due (most keystrokes) is one statement, atomic on its own: SQLite's implicit
      // transaction does the same locking and WAL write without running BEGIN and COMMIT as statements of their own.
      this.appendRow(lone.doc, lone.update);
      this.checkpointer?.noteCommit(lone.update.byteLength);
      this.docMeta.committedOneWaiting(lone.doc, lone.update.byteLength, now);
      if (!this.metaTimer) this.scheduleMetaWrite();
      return;
    }
    const plan = this.docMeta.plan(batch, now);
    this.appendTx(batch, plan.due);
    this.checkpointer?.noteCommit(batch.reduce((sum, { update }) => sum + update.byteLength, 0));
    // Committed: only now does the bookkeeping change, so a failed commit (retried by the committer) counts nothing
    // twice.
    this.docMeta.committed(plan, now);
    if (this.docMeta.pending.size > 0 && !this.metaTimer) this.scheduleMetaWrite();
  }

  async compact(doc: string, upToSeq: number, merged: Uint8Array): Promise<void> {
    this.writePendingMeta();
    this.compactTx(doc, upToSeq, merged, this.now());
    this.checkpointer?.noteCommit(merged.byteLength);
  }

  replaceLogNow(doc: string, state: Uint8Array): boolean {
    if (this.hasOtherWriter) return false;
    this.writePendingMeta();
    const isReplaced = this.replaceLogTx.immediate(doc, state, this.now());
    if (isReplaced) this.checkpointer?.noteCommit(state.byteLength);
    return isReplaced;
  }

  async rowCount(doc: string): Promise<number> {
    return this.statements.rowCount.get(doc)?.n ?? 0;
  }

  async list(): Promise<DocMeta[]> {
    this.writePendingMeta();
    return this.statements.list.all().map(toDocMeta);
  }

  async meta(doc: string): Promise<DocMeta | null> {
    this.writePendingMeta();
    const row = this.statements.meta.get(doc);
    return row ? toDocMeta(row) : null;
  }

  async delete(doc: string): Promise<boolean> {
    this.docMeta.forget(doc);
    const existed = this.deleteTx(doc, this.now());
    if (existed) this.deletedNames.add(doc);
    return existed;
  }

  async isDeleted(doc: string): Promise<boolean> {
    // The table, not the set: the admin CLI in direct mode may have deleted it from another process.
    return this.statements.isDeleted.get(doc) !== undefined;
  }

  async clearDeletion(doc: string): Promise<void> {
    this.statements.clearDeleted.run(doc);
    this.deletedNames.delete(doc);
  }

  async createSnapshot(snapshot: NewSnapshot): Promise<SnapshotMeta> {
    const meta: SnapshotMeta = {
      id: randomUUID(),
      doc: snapshot.doc,
      label: snapshot.label,
      author: snapshot.author,
      kind: snapshot.kind,
      createdAt: this.now(),
      bytes: snapshot.state.byteLength,
    };
    this.statements.insertSnapshot.run(
      meta.id, meta.doc, meta.label, meta.author, meta.kind, meta.createdAt, meta.bytes, snapshot.state,
    );
    return meta;
  }

  async listSnapshots(doc: string): Promise<SnapshotMeta[]> {
    return this.statements.listSnapshots.all(doc).map(toSnapshotMeta);
  }

  async getSnapshot(doc: string, id: string): Promise<{ meta: SnapshotMeta; state: Uint8Array } | null> {
    const row = this.statements.getSnapshot.get(doc, id);
    if (!row) return null;
    return { meta: toSnapshotMeta(row), state: new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength) };
  }

  async pruneSnapshots(doc: string, kind: SnapshotKind, keep: number): Promise<number> {
    return this.statements.pruneSnapshots.run(doc, kind, doc, kind, keep).changes;
  }

  async close(): Promise<void> {
    if (this.db.open) this.writePendingMeta();
    await this.checkpointer?.stop();
    if (this.db.open) this.db.close();
    this.lock?.release();
  }

  private scheduleMetaWrite(): void {
    this.metaTimer = setTimeout(() => {
      this.metaTimer = null;
      try {
        this.writePendingMeta();
      } catch (error) {
        // Kept in memory and tried again; the update rows themselves are already committed.
        this.onWarning(`writing document metadata failed, will retry: ${error instanceof Error ? error.message : String(error)}`);
        this.scheduleMetaWrite();
      }
    }, META_WRITE_INTERVAL_MS);
    this.metaTimer.unref();
  }

  /**
   * Inserts a row of `doc` with the next seq: one above both this process's last seq and the doc's highest stored
   * one (another process, such as the admin CLI in direct mode, may have appended). One statement, so atomic on its
   * own; with the rest of a batch, call it inside the batch's transaction.
   */
  private appendRow(doc: string, update: Uint8Array): void {
    this.lastSeq = this.statements.insertUpdate.get(doc, this.lastSeq, doc, update)!.seq;
  }

  private holdsDeleted(batch: readonly PendingAppend[]): boolean {
    for (const { doc } of batch) if (this.deletedNames.has(doc)) return true;
    return false;
  }

  /** Writes every waiting updatedAt and byte count in one transaction. */
  private writePendingMeta(): void {
    if (this.metaTimer) clearTimeout(this.metaTimer);
    this.metaTimer = null;
    if (this.docMeta.pending.size === 0) return;
    this.writeMetaTx(this.docMeta.pending);
    this.docMeta.flushed(Date.now());
  }

  private dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  /** Strictly increasing ms timestamps, so "newest first" and updatedAt order are well defined within a ms. */
  private now(): number {
    this.lastTimestamp = Math.max(Date.now(), this.lastTimestamp + 1);
    return this.lastTimestamp;
  }
}

function toDocMeta(row: DocRow): DocMeta {
  return { name: row.name, createdAt: row.created_at, updatedAt: row.updated_at, bytes: row.bytes };
}

function toSnapshotMeta(row: SnapshotRow): SnapshotMeta {
  return {
    id: row.id,
    doc: row.doc,
    label: row.label,
    author: row.author,
    kind: row.kind,
    createdAt: row.created_at,
    bytes: row.bytes,
  };
}

/**
 * Databases written before the (doc, seq) log kept it in a rowid table `updates`: its rows move over once, in one
 * transaction, keeping their ids as seq (ids only ever grew, so the order is kept).
 */
function migrateRowidLog(db: Database.Database): void {
  const hasOldLog = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'updates'").get() !== undefined;
  if (!hasOldLog) return;
  db.transaction(() => {
    db.exec('INSERT INTO doc_updates (doc, seq, data) SELECT doc, id, data FROM updates; DROP TABLE updates;');
  })();
}
