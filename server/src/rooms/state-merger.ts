// Merges a document's stored update log into one update on a worker thread, so the event loop that relays keystrokes
// never applies a whole document's history: for the 259,778-edit trace document that took 50 to 140 ms, during which
// every keystroke on the server waited. The thread comes and goes with the merges (see OnDemandWorker); should it
// fail, merges run on the event loop, as before: slower, and nothing is lost.
import { OnDemandWorker } from '../workers/on-demand-worker';
import { mergeToState } from './merge-to-state';

export interface StateMergerOptions {
  /** The thread exits after this long without a merge (default 30 s). */
  retireAfterMs?: number;
  /** The worker script (tests point it elsewhere). */
  workerUrl?: URL;
  /** Told once when merges fall back to the event loop. */
  onFallback?(reason: string): void;
}

export class StateMerger {
  private readonly worker: OnDemandWorker<readonly Uint8Array[], Uint8Array>;

  constructor(options: StateMergerOptions = {}) {
    this.worker = new OnDemandWorker({
      name: 'merge',
      url: options.workerUrl ?? new URL('./state-merge-worker.mjs', import.meta.url),
      runOnLoop: mergeToState,
      toError: (error) => new Error(`the update log does not merge: ${error.message}`),
      retireAfterMs: options.retireAfterMs,
      onFallback: options.onFallback,
    });
  }

  /** True while the worker thread runs (tests). */
  get hasWorker(): boolean {
    return this.worker.hasWorker;
  }

  /** The state of `updates` applied in order, as mergeToState; rejects when they do not apply. */
  merge(updates: readonly Uint8Array[]): Promise<Uint8Array> {
    // Each copied into a buffer of its own: a row read from storage may be a view into a larger (pooled) buffer,
    // which posting would copy whole (and a Buffer's slice() is such a view, not a copy).
    return this.worker.run(updates.map((update) => new Uint8Array(update)));
  }

  /** Ends the thread; merges still running finish on the event loop. */
  close(): Promise<void> {
    return this.worker.close();
  }
}
