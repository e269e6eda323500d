// Moves SQLite's WAL checkpoints (and the fsync each one costs) off the event loop: the main connection stops
// checkpointing on commit and a worker thread checkpoints instead, when writing pauses or once the WAL has grown
// past a few megabytes. Not on a fixed beat: a checkpoint's fsync delays the commits that run beside it by up to a
// millisecond, so it should fall where nobody is typing. The worker starts with the first checkpoint and retires
// after a quiet spell, so a server with nothing to checkpoint holds no second isolate. Should the worker fail, the
// main connection checkpoints on commit again, as SQLite does by default, so the WAL never grows without bound.
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
  /** The worker thread exits after this long without a checkpoint to run, and starts again when one is due (60 s). */
  retireAfterMs?: number;
  /** Told once when background checkpoints stop working and commits checkpoint again. */
  onFallback(reason: string): void;
}

export class WalCheckpointer {
  private worker: Worker | null = null;
  private isStopping = false;
  private hasFailed = false;
  /** Resolves when the latest worker has exited. */
  private exited: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;
  private readonly retireTimer: NodeJS.Timeout;
  /** Bytes written to the WAL since the last checkpoint request, estimated. */
  private walBytes = 0;
  private lastCommitAt = 0;
  /** Checkpoints requested whose result has not come back yet. */
  private checkpointsInFlight = 0;
  private wasLastCheckpointComplete = false;

  constructor(
    private readonly db: Database.Database,
    private readonly options: WalCheckpointerOptions,
  ) {
    db.pragma('wal_autocheckpoint = 0');
    const idleMs = options.idleMs ?? 2_000;
    const maxWalBytes = options.maxWalBytes ?? 4 * 2 ** 20;
    this.timer = setInterval(() => {
      const isIdle = performance.now() - this.lastCommitAt >= idleMs;
      if (this.walBytes === 0 || (!isIdle && this.walBytes < maxWalBytes)) return;
      this.walBytes = 0;
      this.requestCheckpoint();
    }, options.checkEveryMs ?? 1_000);
    this.timer.unref();
    this.retireTimer = setTimeout(() => this.retireWorker(), options.retireAfterMs ?? 60_000);
    this.retireTimer.unref();
  }

  /** The main connection committed about `bytes` of rows. */
  noteCommit(bytes: number): void {
    this.walBytes += PAGE_BYTES + bytes;
    this.lastCommitAt = performance.now();
  }

  /**
   * True when every commit so far has reached the database file: the last checkpoint copied every WAL frame, none
   * is running and nothing was committed since, so the next commit restarts the WAL from its beginning (tests).
   */
  get isCheckpointed(): boolean {
    return this.walBytes === 0 && this.checkpointsInFlight === 0 && this.wasLastCheckpointComplete;
  }

  /** True while a worker thread is running (tests). */
  get hasWorker(): boolean {
    return this.worker !== null;
  }

  /** Runs a last checkpoint and ends the worker; call before closing the main connection. */
  async stop(): Promise<void> {
    if (this.isStopping) return;
    this.isStopping = true;
    clearInterval(this.timer);
    clearTimeout(this.retireTimer);
    const worker = this.worker;
    if (worker) {
      // Referenced again, so a process with nothing else left to do waits for the last checkpoint.
      worker.ref();
      worker.postMessage('stop');
      this.checkpointsInFlight++;
    }
    // Without a worker, closing the main connection checkpoints what is left.
    await this.exited;
  }

  private requestCheckpoint(): void {
    if (this.hasFailed) return;
    (this.worker ?? this.startWorker()).postMessage('checkpoint');
    this.checkpointsInFlight++;
    this.retireTimer.refresh();
  }

  /** No checkpoint for a while: the worker checkpoints once more and exits, until the next one is due. */
  private retireWorker(): void {
    const worker = this.worker;
    if (!worker || this.isStopping) return;
    this.worker = null;
    // It checkpoints once more before it exits.
    worker.postMessage('stop');
    this.checkpointsInFlight++;
  }

  private startWorker(): Worker {
    const worker = new Worker(new URL('./sqlite-checkpoint-worker.mjs', import.meta.url), {
      workerData: { path: this.options.path },
    });
    // The worker must not keep a finished process alive; stop() ends it explicitly.
    worker.unref();
    let reason: string | null = null;
    worker.on('message', (message: { error?: string; complete?: boolean }) => {
      if (message.complete !== undefined) {
        this.checkpointsInFlight--;
        this.wasLastCheckpointComplete = message.complete;
      }
      reason ??= message.error ?? null;
    });
    worker.on('error', (error: unknown) => {
      reason ??= error instanceof Error ? error.message : String(error);
    });
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    worker.on('exit', (code) => {
      const wasRetired = this.worker !== worker;
      if (!wasRetired) this.worker = null;
      if (this.isStopping || (wasRetired && code === 0)) return;
      this.hasFailed = true;
      clearInterval(this.timer);
      if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
      this.options.onFallback(reason ?? `checkpoint worker exited with code ${code}`);
    });
    this.worker = worker;
    return worker;
  }
}
