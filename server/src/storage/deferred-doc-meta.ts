// Which documents' `documents` rows (updatedAt, bytes) a commit writes now, and which changes wait in memory. A
// keystroke's commit that also rewrote its document's row wrote twice the pages; the row is now written on a
// document's first commit, then at most once per interval, and whenever something is about to read it.
// Pure bookkeeping: the store runs the SQL and calls back here only once its transaction has committed.

export interface DocMetaChange {
  updatedAt: number;
  /** Bytes appended since the row was last written. */
  bytes: number;
}

/** One batch's metadata: every touched document's change (waiting plus this batch), and those due now. */
export interface DocMetaPlan {
  changes: ReadonlyMap<string, DocMetaChange>;
  due: ReadonlyMap<string, DocMetaChange>;
}

export class DeferredDocMeta {
  private readonly waiting = new Map<string, DocMetaChange>();
  /** When each recently edited document's row was last written. */
  private readonly writtenAt = new Map<string, number>();

  constructor(private readonly intervalMs: number) {}

  /** What a batch about to commit at `now` does to the documents' rows. */
  plan(batch: ReadonlyArray<{ doc: string; update: Uint8Array }>, now: number): DocMetaPlan {
    const changes = new Map<string, DocMetaChange>();
    for (const { doc, update } of batch) {
      const change = changes.get(doc) ?? { updatedAt: now, bytes: this.waiting.get(doc)?.bytes ?? 0 };
      change.bytes += update.byteLength;
      changes.set(doc, change);
    }
    const due = new Map<string, DocMetaChange>();
    for (const [doc, change] of changes) {
      if (this.isDue(doc, now)) due.set(doc, change);
    }
    return { changes, due };
  }

  /** Whether a commit of `doc` at `now` writes its row (as `plan` would decide). */
  isDue(doc: string, now: number): boolean {
    const writtenAt = this.writtenAt.get(doc);
    return writtenAt === undefined || now - writtenAt >= this.intervalMs;
  }

  /**
   * One row of `doc`, of `bytes`, committed at `now` when its row was not due: the change waits. The same as `plan`
   * and `committed` for that one row, without a plan's maps (a keystroke's commit).
   */
  committedOneWaiting(doc: string, bytes: number, now: number): void {
    const waiting = this.waiting.get(doc);
    if (waiting) {
      waiting.updatedAt = now;
      waiting.bytes += bytes;
    } else {
      this.waiting.set(doc, { updatedAt: now, bytes });
    }
  }

  /** The batch of `plan` committed: its due rows are written, the rest of its changes wait. */
  committed(plan: DocMetaPlan, now: number): void {
    for (const [doc, change] of plan.changes) {
      if (plan.due.has(doc)) {
        this.waiting.delete(doc);
        this.writtenAt.set(doc, now);
      } else {
        this.waiting.set(doc, change);
      }
    }
  }

  /** Every change still waiting; after writing them, call `flushed`. */
  get pending(): ReadonlyMap<string, DocMetaChange> {
    return this.waiting;
  }

  /** Every waiting change was written at `now`. */
  flushed(now: number): void {
    for (const doc of this.waiting.keys()) this.writtenAt.set(doc, now);
    this.waiting.clear();
    // Documents idle for a while need no entry: their next commit writes their row at once.
    for (const [doc, writtenAt] of this.writtenAt) {
      if (now - writtenAt >= this.intervalMs) this.writtenAt.delete(doc);
    }
  }

  /** The document is gone: nothing of it waits. */
  forget(doc: string): void {
    this.waiting.delete(doc);
    this.writtenAt.delete(doc);
  }
}
