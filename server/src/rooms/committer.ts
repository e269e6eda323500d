// Group commit: every update enqueued during one event-loop turn is written in one storage transaction, then each
// entry's room is told, in order, so it can broadcast. One flush runs at a time; a failed flush keeps its batch
// and retries with backoff, so nothing is broadcast (or acknowledged) before it is on disk.
import type { Logger } from '../logger';
import type { Metrics } from '../metrics/metrics';
import type { DocumentStore, PendingAppend } from '../storage/storage';

export interface CommitListener {
  /** Called once per entry after its batch is committed, in enqueue order. */
  committed(entry: CommitEntry): void;
  /** Called once per flush for every room that had entries in it, after all `committed` calls. */
  flushed(): void;
}

export interface CommitEntry extends PendingAppend {
  listener: CommitListener;
  /** The already-encoded broadcast frame for this update. */
  frame: Uint8Array;
  /** What the room needs to route the frame (the sender, to skip it). */
  origin: unknown;
}

const MAX_RETRY_DELAY_MS = 5_000;

export class Committer {
  private queue: CommitEntry[] = [];
  private flushing: Promise<void> | null = null;
  private scheduled = false;
  private retryDelayMs = 0;

  constructor(
    private readonly store: DocumentStore,
    private readonly metrics: Metrics,
    private readonly logger: Logger,
  ) {}

  enqueue(entry: CommitEntry): void {
    this.queue.push(entry);
    this.schedule();
  }

  /** Resolves once everything enqueued so far is committed. */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.flushing) {
      if (this.flushing) await this.flushing;
      else await this.flush();
    }
  }

  get pending(): number {
    return this.queue.length;
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private flush(): Promise<void> {
    if (this.flushing || this.queue.length === 0) return this.flushing ?? Promise.resolve();
    const batch = this.queue;
    this.queue = [];
    this.flushing = this.write(batch).finally(() => {
      this.flushing = null;
      if (this.queue.length > 0) this.schedule();
    });
    return this.flushing;
  }

  private async write(batch: CommitEntry[]): Promise<void> {
    const stopTimer = this.metrics.commitSeconds.startTimer();
    try {
      await this.store.appendBatch(batch);
      stopTimer();
      this.retryDelayMs = 0;
    } catch (error) {
      this.metrics.commitFailures.inc();
      this.retryDelayMs = Math.min(MAX_RETRY_DELAY_MS, Math.max(50, this.retryDelayMs * 2));
      this.logger.error({ err: error, updates: batch.length, retryInMs: this.retryDelayMs }, 'commit failed; will retry');
      // Put the batch back in front so order is kept, then retry after a delay.
      this.queue = batch.concat(this.queue);
      await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs));
      return;
    }
    const touched = new Set<CommitListener>();
    for (const entry of batch) {
      entry.listener.committed(entry);
      touched.add(entry.listener);
    }
    for (const listener of touched) listener.flushed();
  }
}
