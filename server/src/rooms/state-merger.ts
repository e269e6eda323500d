// Merges a document's stored update log into one update on a worker thread, so the event loop that relays keystrokes
// never applies a whole document's history: for the 259,778-edit trace document that took 50 to 140 ms, during which
// every keystroke on the server waited. The thread starts with the first merge and exits after a quiet spell, so a
// server that is not compacting holds no second isolate. Should the thread fail, merges run on the event loop, as
// before: slower, and nothing is lost.
import { Worker } from 'node:worker_threads';
import { mergeToState } from './merge-to-state';

export interface StateMergerOptions {
  /** The thread exits after this long without a merge (default 30 s). */
  retireAfterMs?: number;
  /** The worker script (tests point it elsewhere). */
  workerUrl?: URL;
  /** Told once when merges fall back to the event loop. */
  onFallback?(reason: string): void;
}

interface PendingMerge {
  updates: Uint8Array[];
  resolve(state: Uint8Array): void;
  reject(error: Error): void;
}

type WorkerReply = { id: number; state: Uint8Array } | { id: number; error: string };

export class StateMerger {
  private worker: Worker | null = null;
  /** The thread failed or the merger closed: merges run on the event loop from now on. */
  private mergesOnLoop = false;
  private nextId = 1;
  private readonly pending = new Map<number, PendingMerge>();
  private retireTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: StateMergerOptions = {}) {}

  /** True while the worker thread runs (tests). */
  get hasWorker(): boolean {
    return this.worker !== null;
  }

  /** The state of `updates` applied in order, as mergeToState; rejects when they do not apply. */
  merge(updates: readonly Uint8Array[]): Promise<Uint8Array> {
    if (this.mergesOnLoop) return mergeOnLoop(updates);
    let worker: Worker;
    try {
      worker = this.worker ?? this.startWorker();
    } catch (error) {
      this.fallBack(error instanceof Error ? error.message : String(error));
      return mergeOnLoop(updates);
    }
    // Each copied into a buffer of its own: a row read from storage may be a view into a larger (pooled) buffer,
    // which posting would copy whole (and a Buffer's slice() is such a view, not a copy).
    const copies = updates.map((update) => new Uint8Array(update));
    const id = this.nextId++;
    const merged = new Promise<Uint8Array>((resolve, reject) => this.pending.set(id, { updates: copies, resolve, reject }));
    worker.ref();
    worker.postMessage({ id, updates: copies });
    if (this.retireTimer) clearTimeout(this.retireTimer);
    this.retireTimer = null;
    return merged;
  }

  /** Ends the thread; merges still running finish on the event loop. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.mergesOnLoop = true;
    if (this.retireTimer) clearTimeout(this.retireTimer);
    if (worker) {
      this.worker = null;
      await worker.terminate();
    }
    this.runPendingOnLoop();
  }

  private startWorker(): Worker {
    const worker = new Worker(this.options.workerUrl ?? new URL('./state-merge-worker.mjs', import.meta.url));
    worker.on('message', (reply: WorkerReply) => {
      const merge = this.pending.get(reply.id);
      if (!merge) return;
      this.pending.delete(reply.id);
      if ('error' in reply) merge.reject(new Error(`the update log does not merge: ${reply.error}`));
      else merge.resolve(reply.state);
      if (this.pending.size === 0) this.idle(worker);
    });
    let reason: string | null = null;
    worker.on('error', (error: unknown) => {
      reason ??= error instanceof Error ? error.message : String(error);
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return; // retired or closed
      this.worker = null;
      this.fallBack(reason ?? `merge worker exited with code ${code}`);
      this.runPendingOnLoop();
    });
    this.worker = worker;
    return worker;
  }

  /** Nothing to merge: the thread may not keep the process alive, and exits after a quiet spell. */
  private idle(worker: Worker): void {
    worker.unref();
    this.retireTimer = setTimeout(() => {
      this.retireTimer = null;
      if (this.worker !== worker || this.pending.size > 0) return;
      this.worker = null;
      void worker.terminate();
    }, this.options.retireAfterMs ?? 30_000);
    this.retireTimer.unref();
  }

  private fallBack(reason: string): void {
    this.mergesOnLoop = true;
    this.options.onFallback?.(reason);
  }

  private runPendingOnLoop(): void {
    const pending = Array.from(this.pending.values());
    this.pending.clear();
    for (const merge of pending) mergeOnLoop(merge.updates).then(merge.resolve, merge.reject);
  }
}

function mergeOnLoop(updates: readonly Uint8Array[]): Promise<Uint8Array> {
  try {
    return Promise.resolve(mergeToState(updates));
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
