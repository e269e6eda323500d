// The messages between an OnDemandWorker and its script, and the loop a TypeScript worker script runs. A script
// in plain JavaScript (state-merge-worker.mjs) speaks the same protocol by hand.
import { parentPort } from 'node:worker_threads';

/** Why a job failed in the thread. `kind` lets the caller rebuild a typed error (a bad request, say). */
export interface WorkerError {
  message: string;
  kind?: string;
}

export type WorkerReply<Result> = { id: number; result: Result } | { id: number; error: WorkerError };

/**
 * Answers every job posted to this thread with `handle`'s result, or its error as `describe` puts it. A result's
 * buffers listed by `transferOf` are handed over, not copied.
 */
export function serveJobs<Job, Result>(options: {
  handle(job: Job): Result | Promise<Result>;
  describe(error: unknown): WorkerError;
  transferOf?(result: Result): ArrayBuffer[];
}): void {
  const port = parentPort;
  if (!port) throw new Error('serveJobs runs in a worker thread only');
  port.on('message', async ({ id, job }: { id: number; job: Job }) => {
    let result: Result;
    try {
      result = await options.handle(job);
    } catch (error) {
      port.postMessage({ id, error: options.describe(error) } satisfies WorkerReply<Result>);
      return;
    }
    port.postMessage({ id, result } satisfies WorkerReply<Result>, options.transferOf?.(result) ?? []);
  });
}
