// Group commit: every update enqueued during one event-loop turn (one task: a socket read, a timer) is written in
// one storage transaction, then each entry's room is told, in order, so it can broadcast. When the loop is quiet
// the batch commits as soon as its task ends (process.nextTick: after every frame of that socket read, before the
// stream's own bookkeeping), so a keystroke reaches the peers without waiting for the rest of the loop iteration.
// A frame holding one update, with nothing queued before it, commits at once, inside the call that applied it, when
// the store commits synchronously (SQLite), so the broadcast follows while that code is still in cache; a later
// frame of the same socket read then joins the iteration's second commit.
// Once an iteration has committed, further turns in it share one transaction at its end (setImmediate), so a busy
// server still makes at most two commits per iteration. One flush runs at a time; a failed flush keeps its batch
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
  /** What the other instances are sent, when not `update`: the peer's update as it came (see Room.onDocUpdate). */
  relayed?: Uint8Array;
}

const MAX_RETRY_DELAY_MS = 5_000;

export class Committer {
  private queue: CommitEntry[] = [];
  private flushing: Promise<void> | null = null;
  private scheduled = false;
  /** A flush ran in this loop iteration: later turns of it wait for the iteration's end (setImmediate). */
  private iterationCommitted = false;
  private retryDelayMs = 0;

  constructor(
    private readonly store: DocumentStore,
    private readonly metrics: Metrics,
    private readonly logger: Logger,
  ) {}

  /**
   * Queues `entry` for the next commit. With `isWholeTask` (the caller knows nothing else of its task will be
   * enqueued: a frame holding one update), a quiet loop commits it at once, inside the caller, on a store that
   * commits synchronously: the broadcast then follows while the code that applied the update is still in cache.
   */
  enqueue(entry: CommitEntry, isWholeTask = false): void {
    this.queue.push(entry);
    if (isWholeTask && this.canCommitNow()) this.commitNow();
    else this.schedule();
  }

  /**
   * Commits `entry` at once, before its update is applied (see Room's keystroke path), and tells its listener
   * `committed` but not `flushed`: the caller applies the update first, then calls `flushed` itself, so acks cover
   * it. Only on a quiet committer with a store that commits synchronously; false when it did not commit (the
   * caller then takes the general path, and a failure is already counted and backs off the next commits).
   */
  commitBeforeApply(entry: CommitEntry): boolean {
    if (!this.canCommitBeforeApply()) return false;
    this.iterationCommitted = true;
    const isCommitted = this.writeNow([entry], false);
    // Scheduled after the commit and its broadcast, which it would otherwise delay.
    setImmediate(this.endIteration);
    return isCommitted;
  }

  /** Whether commitBeforeApply would commit now (so a caller can skip preparing for it). */
  canCommitBeforeApply(): boolean {
    return this.canCommitNow() && this.queue.length === 0;
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
    if (this.iterationCommitted) setImmediate(this.runScheduled);
    else process.nextTick(this.runScheduled);
  }

  /** No commit ran or waits in this loop iteration, and the store can commit inside the caller. */
  private canCommitNow(): boolean {
    return this.store.appendBatchNow !== undefined && !this.iterationCommitted && !this.scheduled && !this.flushing
      && this.retryDelayMs === 0;
  }

  private readonly runScheduled = (): void => {
    this.scheduled = false;
    this.commitNow();
  };

  /** Flushes the queue; the loop iteration has committed now, so its later commits wait for its end. */
  private commitNow(): void {
    const isFirstOfIteration = !this.iterationCommitted;
    this.iterationCommitted = true;
    void this.flush();
    // Scheduled after the commit and its broadcast, which it would otherwise delay.
    if (isFirstOfIteration) setImmediate(this.endIteration);
  }

  private readonly endIteration = (): void => {
    this.iterationCommitted = false;
  };

  private flush(): Promise<void> {
    if (this.flushing || this.queue.length === 0) return this.flushing ?? Promise.resolve();
    const batch = this.queue;
    this.queue = [];
    if (this.store.appendBatchNow && this.retryDelayMs === 0 && this.writeNow(batch, true)) return Promise.resolve();
    this.flushing = this.write(batch).finally(() => {
      this.flushing = null;
      if (this.queue.length > 0) this.schedule();
    });
    return this.flushing;
  }

  /**
   * Commits with a store that finishes synchronously; false (batch untouched) if it failed and must be retried.
   * Tells the listeners `flushed` too when `shouldTellFlushed`.
   */
  private writeNow(batch: CommitEntry[], shouldTellFlushed: boolean): boolean {
    const startedAt = performance.now();
    try {
      this.store.appendBatchNow!(batch);
    } catch (error) {
      this.failed(error, batch);
      return false;
    }
    const seconds = (performance.now() - startedAt) / 1000;
    this.notify(batch, shouldTellFlushed);
    this.metrics.commitSeconds.observe(seconds);
    return true;
  }

  private async write(batch: CommitEntry[]): Promise<void> {
    if (this.retryDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs));
    const stopTimer = this.metrics.commitSeconds.startTimer();
    try {
      await this.store.appendBatch(batch);
      stopTimer();
      this.retryDelayMs = 0;
    } catch (error) {
      this.failed(error, batch);
      // Put the batch back in front so order is kept; the next flush waits retryDelayMs first.
      this.queue = batch.concat(this.queue);
      return;
    }
    this.notify(batch, true);
  }

  private failed(error: unknown, batch: CommitEntry[]): void {
    this.metrics.commitFailures.inc();
    this.retryDelayMs = Math.min(MAX_RETRY_DELAY_MS, Math.max(50, this.retryDelayMs * 2));
    this.logger.error({ err: error, updates: batch.length, retryInMs: this.retryDelayMs }, 'commit failed; will retry');
  }

  private notify(batch: CommitEntry[], shouldTellFlushed: boolean): void {
    if (batch.length === 1) {
      const entry = batch[0]!;
      entry.listener.committed(entry);
      if (shouldTellFlushed) entry.listener.flushed();
      return;
    }
    const touched = new Set<CommitListener>();
    for (const entry of batch) {
      entry.listener.committed(entry);
      touched.add(entry.listener);
    }
    if (shouldTellFlushed) for (const listener of touched) listener.flushed();
  }
}
