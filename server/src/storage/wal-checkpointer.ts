// Moves SQLite's WAL checkpoints (and the fsync each one costs) off the event loop: the main connection stops
// checkpointing on commit and a worker thread checkpoints instead, when writing pauses or once the WAL has grown
// past a few megabytes. Not on a fixed beat: a checkpoint's fsync delays the commits that run beside it by up to a
// millisecond, so it should fall where nobody is typing. Should the worker fail, the main connection checkpoints
// on commit again, as SQLite does by default, so the WAL never grows without bound.
import type Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';

/** SQLite's default: checkpoint on the commit that brings the WAL past this many pages. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

/** Roughly what a commit adds to the WAL besides its rows: one page. */
const PAGE_BYTES = 4096;

export interface WalCheckpointerOptions {
  /** The database file; must already exist (the main connection creates it). */
  path: string;
  /** How often to consider a checkpoint (default 1 s). */
  checkEveryMs?: number;
  /** Checkpoint once no commit has come for this long (default 2 s)… */
  idleMs?: number;
  /** …or once about this much has been written since the last checkpoint, even while commits continue (4 MB). */
  maxWalBytes?: number;
  /** Told once when background checkpoints stop working and commits checkpoint again. */
  onFallback(reason: string): void;
}

export class WalCheckpointer {
  private readonly worker: Worker;
  private isStopping = false;
  private readonly exited: Promise<void>;
  private readonly timer: NodeJS.Timeout;
  /** Bytes written to the WAL since the last checkpoint request, estimated. */
  private walBytes = 0;
  private lastCommitAt = 0;

  constructor(
    private readonly db: Database.Database,
    options: WalCheckpointerOptions,
  ) {
    db.pragma('wal_autocheckpoint = 0');
    this.worker = new Worker(new URL('./sqlite-checkpoint-worker.mjs', import.meta.url), {
      workerData: { path: options.path },
    });
    const idleMs = options.idleMs ?? 2_000;
    const maxWalBytes = options.maxWalBytes ?? 4 * 2 ** 20;
    this.timer = setInterval(() => {
      const isIdle = performance.now() - this.lastCommitAt >= idleMs;
      if (this.walBytes === 0 || (!isIdle && this.walBytes < maxWalBytes)) return;
      this.walBytes = 0;
      this.worker.postMessage('checkpoint');
    }, options.checkEveryMs ?? 1_000);
    this.timer.unref();
    // The worker must not keep a finished process alive; stop() ends it explicitly.
    this.worker.unref();
    let reason: string | null = null;
    this.worker.on('message', (message: { error?: string }) => {
      reason ??= message.error ?? null;
    });
    this.worker.on('error', (error: unknown) => {
      reason ??= error instanceof Error ? error.message : String(error);
    });
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.on('exit', (code) => {
      if (this.isStopping) return;
      clearInterval(this.timer);
      if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
      options.onFallback(reason ?? `checkpoint worker exited with code ${code}`);
    });
  }

  /** The main connection committed about `bytes` of rows. */
  noteCommit(bytes: number): void {
    this.walBytes += PAGE_BYTES + bytes;
    this.lastCommitAt = performance.now();
  }

  /** Runs a last checkpoint and ends the worker; call before closing the main connection. */
  async stop(): Promise<void> {
    if (this.isStopping) return;
    this.isStopping = true;
    clearInterval(this.timer);
    // Referenced again, so a process with nothing else left to do waits for the last checkpoint.
    this.worker.ref();
    this.worker.postMessage('stop');
    await this.exited;
  }
}
