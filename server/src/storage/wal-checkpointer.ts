// Moves SQLite's WAL checkpoints (and the fsync each one costs) off the event loop: the main connection stops
// checkpointing on commit and a worker thread checkpoints on a timer instead. Should the worker fail, the main
// connection checkpoints on commit again, as SQLite does by default, so the WAL never grows without bound.
import type Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';

/** SQLite's default: checkpoint on the commit that brings the WAL past this many pages. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

export interface WalCheckpointerOptions {
  /** The database file; must already exist (the main connection creates it). */
  path: string;
  intervalMs: number;
  /** Told once when background checkpoints stop working and commits checkpoint again. */
  onFallback(reason: string): void;
}

export class WalCheckpointer {
  private readonly worker: Worker;
  private isStopping = false;
  private readonly exited: Promise<void>;

  constructor(
    private readonly db: Database.Database,
    options: WalCheckpointerOptions,
  ) {
    db.pragma('wal_autocheckpoint = 0');
    this.worker = new Worker(new URL('./sqlite-checkpoint-worker.mjs', import.meta.url), {
      workerData: { path: options.path, intervalMs: options.intervalMs },
    });
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
      if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
      options.onFallback(reason ?? `checkpoint worker exited with code ${code}`);
    });
  }

  /** Runs a last checkpoint and ends the worker; call before closing the main connection. */
  async stop(): Promise<void> {
    if (this.isStopping) return;
    this.isStopping = true;
    // Referenced again, so a process with nothing else left to do waits for the last checkpoint.
    this.worker.ref();
    this.worker.postMessage('stop');
    await this.exited;
  }
}
