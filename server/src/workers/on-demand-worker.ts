// A worker thread for work too heavy for the event loop that relays keystrokes (merging an update log, converting a
// document). It starts with its first job and exits after a quiet spell, so a server with nothing heavy to do holds no
// second isolate. Should the thread fail, jobs run on the event loop instead: slower, and nothing is lost.
//
// The script answers `{ id, job }` with `{ id, result }` or `{ id, error: WorkerError }` (see worker-protocol.ts).
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { WorkerError, WorkerReply } from './worker-protocol';

export interface OnDemandWorkerOptions<Job, Result> {
  /** What the thread does, for the fallback's reason ("merge", "conversion"). */
  name: string;
  /** The worker script. */
  url: URL;
  /** The same job on the event loop, for when the thread cannot run. */
  runOnLoop(job: Job): Result | Promise<Result>;
  /** The error a caller gets for a job the thread reported as failed. */
  toError(error: WorkerError): Error;
  /** The thread's heap limits (a larger young generation than the server's own, say). */
  resourceLimits?: ResourceLimits;
  /** The thread exits after this long without a job (default 30 s). */
  retireAfterMs?: number;
  /** Told once when jobs fall back to the event loop. */
  onFallback?(reason: string): void;
}

interface PendingJob<Job, Result> {
  job: Job;
  resolve(result: Result): void;
  reject(error: Error): void;
}

export class OnDemandWorker<Job, Result> {
  private worker: Worker | null = null;
  /** The thread failed or this closed: jobs run on the event loop from now on. */
  private jobsOnLoop = false;
  private nextId = 1;
  private readonly pending = new Map<number, PendingJob<Job, Result>>();
  private retireTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: OnDemandWorkerOptions<Job, Result>) {}

  /** True while the thread runs (tests). */
  get hasWorker(): boolean {
    return this.worker !== null;
  }

  run(job: Job): Promise<Result> {
    if (this.jobsOnLoop) return this.runOnLoop(job);
    let worker: Worker;
    try {
      worker = this.worker ?? this.startWorker();
    } catch (error) {
      this.fallBack(error instanceof Error ? error.message : String(error));
      return this.runOnLoop(job);
    }
    const id = this.nextId++;
    const result = new Promise<Result>((resolve, reject) => this.pending.set(id, { job, resolve, reject }));
    worker.ref();
    // Copied, not transferred: should the thread die, the job runs again on the event loop.
    worker.postMessage({ id, job });
    if (this.retireTimer) clearTimeout(this.retireTimer);
    this.retireTimer = null;
    return result;
  }

  /**
   * Ends the thread. Jobs still running finish on the event loop, or, given `pending`, fail with the error it makes
   * (a server shutting down should not start them again).
   */
  async close(options: { pending?: () => Error } = {}): Promise<void> {
    const worker = this.worker;
    this.jobsOnLoop = true;
    if (this.retireTimer) clearTimeout(this.retireTimer);
    if (worker) {
      this.worker = null;
      await worker.terminate();
    }
    if (!options.pending) return this.runPendingOnLoop();
    const pending = Array.from(this.pending.values());
    this.pending.clear();
    for (const job of pending) job.reject(options.pending());
  }

  private startWorker(): Worker {
    const worker = new Worker(this.options.url, { resourceLimits: this.options.resourceLimits });
    worker.on('message', (reply: WorkerReply<Result>) => {
      const job = this.pending.get(reply.id);
      if (!job) return;
      this.pending.delete(reply.id);
      if ('error' in reply) job.reject(this.options.toError(reply.error));
      else job.resolve(reply.result);
      if (this.pending.size === 0) this.idle(worker);
    });
    let reason: string | null = null;
    worker.on('error', (error: unknown) => {
      reason ??= error instanceof Error ? error.message : String(error);
    });
    // A reply that cannot be read names no job: the thread is ended, and its jobs run on the loop (see 'exit').
    worker.on('messageerror', (error: Error) => {
      reason ??= `a reply from the ${this.options.name} worker could not be read: ${error.message}`;
      void worker.terminate();
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return; // retired or closed
      this.worker = null;
      this.fallBack(reason ?? `${this.options.name} worker exited with code ${code}`);
      this.runPendingOnLoop();
    });
    this.worker = worker;
    return worker;
  }

  /** Nothing to do: the thread may not keep the process alive, and exits after a quiet spell. */
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
    this.jobsOnLoop = true;
    this.options.onFallback?.(reason);
  }

  private runPendingOnLoop(): void {
    const pending = Array.from(this.pending.values());
    this.pending.clear();
    for (const { job, resolve, reject } of pending) this.runOnLoop(job).then(resolve, reject);
  }

  private async runOnLoop(job: Job): Promise<Result> {
    return this.options.runOnLoop(job);
  }
}
