// PostgreSQL storage, for several server instances sharing one database. Owns its schema (versioned migrations
// under an advisory lock) and the per-document lock order that keeps compaction from deleting an update it did not
// merge. Knows nothing of rooms or Yjs: updates are opaque bytes.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type {
  DocMeta,
  DocumentStore,
  NewSnapshot,
  PendingAppend,
  SnapshotKind,
  SnapshotMeta,
  StoredUpdates,
} from './storage';

export interface PostgresStoreOptions {
  connectionString: string;
  /** Schema that holds Tandem's tables; created when missing. Default `public`. */
  schema?: string;
  /** Most pooled connections. Default 10. */
  poolSize?: number;
  /** Errors of idle pooled connections (the server restarted, the network dropped). Default: ignored. */
  onError?: (error: Error) => void;
}

interface Migration {
  version: number;
  name: string;
  /** SQL for the (quoted) schema `s`. Forward-only: never edit a shipped step, add a new one. */
  sql: (s: string) => string;
}

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'documents, updates, snapshots',
    sql: (s) => `
      CREATE TABLE ${s}.documents (
        name text PRIMARY KEY,
        created_at bigint NOT NULL,
        updated_at bigint NOT NULL,
        bytes bigint NOT NULL DEFAULT 0
      );
      CREATE TABLE ${s}.updates (
        id bigserial PRIMARY KEY,
        doc text NOT NULL REFERENCES ${s}.documents (name) ON DELETE CASCADE,
        data bytea NOT NULL
      );
      CREATE INDEX updates_doc_id ON ${s}.updates (doc, id);
      CREATE TABLE ${s}.snapshots (
        id text PRIMARY KEY,
        seq bigserial NOT NULL,
        doc text NOT NULL,
        label text,
        author text,
        kind text NOT NULL CHECK (kind IN ('manual', 'auto', 'restore')),
        created_at bigint NOT NULL,
        bytes integer NOT NULL,
        data bytea NOT NULL
      );
      CREATE INDEX snapshots_doc_created ON ${s}.snapshots (doc, created_at DESC, seq DESC);
    `,
  },
  {
    version: 2,
    name: 'deleted documents',
    sql: (s) => `
      CREATE TABLE ${s}.deleted_documents (
        name text PRIMARY KEY,
        deleted_at bigint NOT NULL
      );
    `,
  },
];

const LATEST_VERSION = Math.max(...MIGRATIONS.map((migration) => migration.version));
/** First key of the migration advisory lock ("TAND"); the second is the schema's hash. */
const MIGRATION_LOCK_CLASS = 0x54414e44;
/** Two parameters per row; Postgres allows 65535 per statement. */
const ROWS_PER_INSERT = 1000;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

interface DocRow {
  name: string;
  created_at: string;
  updated_at: string;
  bytes: string;
}

interface SnapshotRow {
  id: string;
  doc: string;
  label: string | null;
  author: string | null;
  kind: SnapshotKind;
  created_at: string;
  bytes: number;
}

export class PostgresStore implements DocumentStore {
  readonly #pool: pg.Pool;
  readonly #schema: string;
  /** The schema as a quoted identifier, for splicing into SQL. */
  readonly #s: string;
  #ready: Promise<void> | null = null;
  #closed = false;
  #lastTimestamp = 0;

  /** @throws Error when `schema` is not a plain lower-case identifier. */
  constructor(options: PostgresStoreOptions) {
    const schema = options.schema ?? 'public';
    if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name ${JSON.stringify(schema)}: use [a-z_][a-z0-9_]*`);
    this.#schema = schema;
    this.#s = `"${schema}"`;
    this.#pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5_000,
      application_name: 'tandem',
    });
    // Without a listener an idle client's error would crash the process. The pool already discards that client,
    // the next query opens a fresh one, and ping() reports a lasting outage, so there is nothing else to do here.
    const onError = options.onError ?? (() => {});
    this.#pool.on('error', (error) => onError(error));
  }

  /** Applies pending migrations. Single-flight; a failed attempt may be retried. */
  ready(): Promise<void> {
    this.#ready ??= this.#migrate().catch((error: unknown) => {
      this.#ready = null;
      throw error;
    });
    return this.#ready;
  }

  async ping(): Promise<boolean> {
    try {
      await this.#pool.query('SELECT 1');
      return true;
    } catch {
      return false; // not silent: "false" is the answer, and /readyz turns it into a 503
    }
  }

  async load(doc: string): Promise<StoredUpdates | null> {
    const s = this.#s;
    const { rows } = await this.#pool.query<{ id: string; data: Buffer }>(
      `SELECT id, data FROM ${s}.updates WHERE doc = $1 ORDER BY id`,
      [doc],
    );
    if (rows.length === 0) return (await this.meta(doc)) ? { updates: [], lastSeq: 0, bytes: 0 } : null;
    let bytes = 0;
    const updates = rows.map((row) => {
      bytes += row.data.byteLength;
      return toBytes(row.data);
    });
    return { updates, lastSeq: Number(rows[rows.length - 1]!.id), bytes };
  }

  async appendBatch(batch: readonly PendingAppend[]): Promise<void> {
    if (batch.length === 0) return;
    const added = new Map<string, number>();
    for (const { doc, update } of batch) added.set(doc, (added.get(doc) ?? 0) + update.byteLength);
    const docs = [...added.keys()].sort();
    const s = this.#s;
    const now = Date.now();
    await this.#transaction(async (client) => {
      // Order matters, twice over. (1) The document rows are upserted BEFORE any update row draws its id: the
      // upsert locks each row until commit, so appends to one doc from any instance run one after another and
      // their ids rise in commit order. A compactor can then never read id N while a smaller id of the same doc
      // is still uncommitted, which is what makes `DELETE ... id <= upToSeq` exact (see compact). (2) Rows are
      // locked in name order, so two instances whose batches share documents cannot deadlock.
      // Deleted documents get no row, and so none of their updates are written (see isDeleted).
      const upserted = await client.query<{ name: string }>(
        `INSERT INTO ${s}.documents (name, created_at, updated_at, bytes)
         SELECT name, $2, $2, bytes FROM unnest($1::text[], $3::bigint[]) AS batch (name, bytes)
         WHERE NOT EXISTS (SELECT 1 FROM ${s}.deleted_documents deleted WHERE deleted.name = batch.name)
         ORDER BY name
         ON CONFLICT (name) DO UPDATE SET
           updated_at = GREATEST(EXCLUDED.updated_at, documents.updated_at + 1),
           bytes = documents.bytes + EXCLUDED.bytes
         RETURNING name`,
        [docs, now, docs.map((doc) => added.get(doc))],
      );
      const kept = upserted.rows.length === docs.length ? batch : withDocs(batch, new Set(upserted.rows.map((row) => row.name)));
      for (let start = 0; start < kept.length; start += ROWS_PER_INSERT) {
        const rows = kept.slice(start, start + ROWS_PER_INSERT);
        // VALUES are inserted, and their ids drawn, in list order: order within one doc is kept.
        const values = rows.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(', ');
        await client.query(
          `INSERT INTO ${s}.updates (doc, data) VALUES ${values}`,
          rows.flatMap(({ doc, update }) => [doc, update]),
        );
      }
    });
  }

  /**
   * Why `id <= upToSeq` is safe here although bigserial ids are drawn before commit: in general a transaction
   * holding id 10 can commit after one holding id 11, so a compactor that read up to 11 would delete 10 unread.
   * Not here: every writer of a doc's rows (appendBatch, compact) first locks the doc's `documents` row, so for
   * one doc ids are drawn and committed strictly one transaction after another. Everything with an id <= upToSeq
   * had committed before the compactor's read (which saw up to upToSeq), so it was read and merged. Passing the
   * exact ids read would also work, but costs a wider interface for no extra safety.
   */
  async compact(doc: string, upToSeq: number, merged: Uint8Array): Promise<void> {
    const s = this.#s;
    const now = Date.now();
    await this.#transaction(async (client) => {
      const locked = await client.query(`SELECT 1 FROM ${s}.documents WHERE name = $1 FOR UPDATE`, [doc]);
      // Deleted since the compactor read it: inserting the stale merge would bring deleted content back.
      if (locked.rowCount === 0) return;
      const removed = await client.query(`DELETE FROM ${s}.updates WHERE doc = $1 AND id <= $2`, [doc, upToSeq]);
      // Every row the merge was built from is already gone: another compactor replaced them with a merge that
      // covers them, or the doc was deleted and re-created. Either way this merge adds nothing current.
      if (removed.rowCount === 0) return;
      await client.query(`INSERT INTO ${s}.updates (doc, data) VALUES ($1, $2)`, [doc, merged]);
      await client.query(
        `UPDATE ${s}.documents SET
           bytes = (SELECT COALESCE(SUM(octet_length(data)), 0) FROM ${s}.updates WHERE doc = $1),
           updated_at = GREATEST($2, updated_at + 1)
         WHERE name = $1`,
        [doc, now],
      );
    });
  }

  async rowCount(doc: string): Promise<number> {
    const { rows } = await this.#pool.query<{ n: number }>(
      `SELECT count(*)::integer AS n FROM ${this.#s}.updates WHERE doc = $1`,
      [doc],
    );
    return rows[0]?.n ?? 0;
  }

  async list(): Promise<DocMeta[]> {
    const { rows } = await this.#pool.query<DocRow>(
      `SELECT name, created_at, updated_at, bytes FROM ${this.#s}.documents ORDER BY updated_at DESC, name`,
    );
    return rows.map(toDocMeta);
  }

  async meta(doc: string): Promise<DocMeta | null> {
    const { rows } = await this.#pool.query<DocRow>(
      `SELECT name, created_at, updated_at, bytes FROM ${this.#s}.documents WHERE name = $1`,
      [doc],
    );
    return rows[0] ? toDocMeta(rows[0]) : null;
  }

  async delete(doc: string): Promise<boolean> {
    const s = this.#s;
    return this.#transaction(async (client) => {
      // The documents row goes first (its lock orders this against appends and compactions); updates cascade.
      const removed = await client.query(`DELETE FROM ${s}.documents WHERE name = $1`, [doc]);
      await client.query(`DELETE FROM ${s}.snapshots WHERE doc = $1`, [doc]);
      const existed = (removed.rowCount ?? 0) > 0;
      if (existed) {
        await client.query(
          `INSERT INTO ${s}.deleted_documents (name, deleted_at) VALUES ($1, $2)
           ON CONFLICT (name) DO UPDATE SET deleted_at = EXCLUDED.deleted_at`,
          [doc, this.#now()],
        );
      }
      return existed;
    });
  }

  async isDeleted(doc: string): Promise<boolean> {
    const { rowCount } = await this.#pool.query(`SELECT 1 FROM ${this.#s}.deleted_documents WHERE name = $1`, [doc]);
    return (rowCount ?? 0) > 0;
  }

  async clearDeletion(doc: string): Promise<void> {
    await this.#pool.query(`DELETE FROM ${this.#s}.deleted_documents WHERE name = $1`, [doc]);
  }

  async createSnapshot(snapshot: NewSnapshot): Promise<SnapshotMeta> {
    const meta: SnapshotMeta = {
      id: randomUUID(),
      doc: snapshot.doc,
      label: snapshot.label,
      author: snapshot.author,
      kind: snapshot.kind,
      createdAt: this.#now(),
      bytes: snapshot.state.byteLength,
    };
    await this.#pool.query(
      `INSERT INTO ${this.#s}.snapshots (id, doc, label, author, kind, created_at, bytes, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [meta.id, meta.doc, meta.label, meta.author, meta.kind, meta.createdAt, meta.bytes, snapshot.state],
    );
    return meta;
  }

  async listSnapshots(doc: string): Promise<SnapshotMeta[]> {
    // seq breaks ties between instances whose clocks gave the same millisecond: the later insert is newer.
    const { rows } = await this.#pool.query<SnapshotRow>(
      `SELECT id, doc, label, author, kind, created_at, bytes FROM ${this.#s}.snapshots
       WHERE doc = $1 ORDER BY created_at DESC, seq DESC`,
      [doc],
    );
    return rows.map(toSnapshotMeta);
  }

  async getSnapshot(doc: string, id: string): Promise<{ meta: SnapshotMeta; state: Uint8Array } | null> {
    const { rows } = await this.#pool.query<SnapshotRow & { data: Buffer }>(
      `SELECT id, doc, label, author, kind, created_at, bytes, data FROM ${this.#s}.snapshots
       WHERE doc = $1 AND id = $2`,
      [doc, id],
    );
    const row = rows[0];
    return row ? { meta: toSnapshotMeta(row), state: toBytes(row.data) } : null;
  }

  async pruneSnapshots(doc: string, kind: SnapshotKind, keep: number): Promise<number> {
    const s = this.#s;
    const removed = await this.#pool.query(
      `DELETE FROM ${s}.snapshots WHERE seq IN (
         SELECT seq FROM ${s}.snapshots WHERE doc = $1 AND kind = $2 ORDER BY created_at DESC, seq DESC OFFSET $3)`,
      [doc, kind, Math.max(0, Math.floor(keep))],
    );
    return removed.rowCount ?? 0;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }

  async #migrate(): Promise<void> {
    const s = this.#s;
    await this.#transaction(async (client) => {
      // Instances starting together must not both run a step: the transaction-scoped advisory lock makes the
      // second wait until the first commits, then it sees the versions already applied. Keyed by schema, so
      // test runs in separate schemas do not wait on each other.
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [MIGRATION_LOCK_CLASS, this.#schema]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${s}.tandem_migrations (
           version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)`,
      );
      const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${s}.tandem_migrations`);
      const applied = new Set(rows.map((row) => row.version));
      const newest = Math.max(0, ...applied);
      if (newest > LATEST_VERSION) {
        throw new Error(
          `schema ${this.#schema} is at migration ${newest}, newer than this build knows (${LATEST_VERSION}); upgrade Tandem`,
        );
      }
      for (const migration of MIGRATIONS) {
        if (applied.has(migration.version)) continue;
        await client.query(migration.sql(s));
        await client.query(`INSERT INTO ${s}.tandem_migrations (version, name, applied_at) VALUES ($1, $2, $3)`, [
          migration.version,
          migration.name,
          Date.now(),
        ]);
      }
    });
  }

  async #transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError; // the connection is unusable: release(broken) destroys it instead of pooling it
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** Strictly increasing within this instance, so snapshots created in one millisecond keep their order. */
  #now(): number {
    this.#lastTimestamp = Math.max(Date.now(), this.#lastTimestamp + 1);
    return this.#lastTimestamp;
  }
}

/** A view over pg's Buffer, without copying: callers compare and apply plain Uint8Arrays. */
function toBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

function toDocMeta(row: DocRow): DocMeta {
  return {
    name: row.name,
    bytes: Number(row.bytes),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function toSnapshotMeta(row: SnapshotRow): SnapshotMeta {
  return {
    id: row.id,
    doc: row.doc,
    label: row.label,
    author: row.author,
    kind: row.kind,
    createdAt: Number(row.created_at),
    bytes: row.bytes,
  };
}

/** The entries of `batch` whose document is in `docs`, in batch order. */
function withDocs(batch: readonly PendingAppend[], docs: ReadonlySet<string>): PendingAppend[] {
  return batch.filter(({ doc }) => docs.has(doc));
}
