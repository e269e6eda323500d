// The storage seam: everything the server keeps about documents. Implementations: SQLite (embedded default) and
// PostgreSQL. Both must pass storage.case.test.ts unchanged. Updates are opaque Yjs update bytes.

export interface DocMeta {
  name: string;
  /** Sum of the stored bytes of the document's update log (snapshot row plus appended rows). */
  bytes: number;
  /** ms since epoch of the last append, compaction or import. */
  updatedAt: number;
  createdAt: number;
}

export interface StoredUpdates {
  /** Every stored update of the document in append order; applying them all yields the stored state. */
  updates: Uint8Array[];
  /** Highest row id read (the compaction cursor); 0 when empty. */
  lastSeq: number;
  bytes: number;
}

export interface PendingAppend {
  doc: string;
  update: Uint8Array;
}

export type SnapshotKind = 'manual' | 'auto' | 'restore';

export interface SnapshotMeta {
  id: string;
  doc: string;
  label: string | null;
  author: string | null;
  kind: SnapshotKind;
  createdAt: number;
  bytes: number;
}

export interface NewSnapshot {
  doc: string;
  label: string | null;
  author: string | null;
  kind: SnapshotKind;
  /** Full Yjs state (Y.encodeStateAsUpdate). */
  state: Uint8Array;
}

export interface DocumentStore {
  /** Resolves once the backend answers (migrations applied). */
  ready(): Promise<void>;
  /** True while the backend answers a trivial query. */
  ping(): Promise<boolean>;
  /** The stored update log of `doc`, or null if the document was never stored. */
  load(doc: string): Promise<StoredUpdates | null>;
  /**
   * Appends every update in one transaction (group commit). Creates documents that do not exist yet and bumps
   * their updatedAt and bytes. Order within one doc is preserved. Updates of deleted documents are dropped.
   */
  appendBatch(batch: readonly PendingAppend[]): Promise<void>;
  /**
   * The same as appendBatch, finished when it returns (throws on failure). Only a store that writes synchronously
   * (embedded SQLite) has it; the committer then broadcasts in the task that received the update.
   */
  appendBatchNow?(batch: readonly PendingAppend[]): void;
  /**
   * Replaces the rows of `doc` with id <= `upToSeq` by the single `merged` update, in one transaction. Rows with
   * a higher id (appended meanwhile) are kept. Must never delete a row it did not merge.
   */
  compact(doc: string, upToSeq: number, merged: Uint8Array): Promise<void>;
  /**
   * Replaces every row of `doc` by `state`, the whole document as this process holds it in memory, in one
   * transaction, finished when it returns. Only a store whose every row came through this process can promise that
   * `state` holds them all (embedded SQLite, while no other process has written to its file); it answers false
   * when it cannot, or when `doc` was deleted, and changes nothing. The caller then merges the stored rows (compact).
   */
  replaceLogNow?(doc: string, state: Uint8Array): boolean;
  /** Number of update rows of `doc` (the compaction trigger). */
  rowCount(doc: string): Promise<number>;
  list(): Promise<DocMeta[]>;
  meta(doc: string): Promise<DocMeta | null>;
  /**
   * Deletes the document, its updates and its snapshots, and remembers that it was deleted (see isDeleted). Resolves
   * false if it did not exist.
   */
  delete(doc: string): Promise<boolean>;
  /**
   * Whether `doc` was deleted and not created again since (clearDeletion). Appends to such a document are dropped,
   * so a client still holding it (offline at the time, or a stock client that reconnects after 4410) cannot bring it
   * back.
   */
  isDeleted(doc: string): Promise<boolean>;
  /** Lets the name of a deleted document be used again (an admin import creates it anew). */
  clearDeletion(doc: string): Promise<void>;

  createSnapshot(snapshot: NewSnapshot): Promise<SnapshotMeta>;
  /** Newest first. */
  listSnapshots(doc: string): Promise<SnapshotMeta[]>;
  getSnapshot(doc: string, id: string): Promise<{ meta: SnapshotMeta; state: Uint8Array } | null>;
  /** Deletes the oldest snapshots of `kind` beyond `keep`. Returns how many were removed. */
  pruneSnapshots(doc: string, kind: SnapshotKind, keep: number): Promise<number>;

  close(): Promise<void>;
}
