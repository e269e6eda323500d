// The live rooms of this instance: opens them single-flight (ten cold connects → one load), seeds brand-new
// documents, compacts their update logs, and unloads them when idle. A room is only ever removed after its
// updates are committed and while nobody is in it, so a reconnect never sees an empty or stale document.
import { CloseCode } from '../../../shared/close-codes';
import type { Fanout } from '../fanout/fanout';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics/metrics';
import type { DocumentStore } from '../storage/storage';
import type { Committer } from './committer';
import { SEED_ORIGIN } from './origins';
import { Room, type RoomLimits } from './room';
import { StateMerger } from './state-merger';

export interface RoomObserver {
  /** Updates of `room` were committed. */
  roomCommitted?(room: Room): void;
  /** `room` is about to be unloaded (its updates are committed). */
  roomUnloading?(room: Room): Promise<void>;
}

export interface RegistryDeps {
  store: DocumentStore;
  committer: Committer;
  fanout: Fanout;
  metrics: Metrics;
  logger: Logger;
  limits: RoomLimits;
  idleUnloadMs: number;
  compactAfterUpdates: number;
  /** The deterministic first update of every new document (one empty paragraph). */
  seedUpdate: Uint8Array;
  observers?: RoomObserver[];
}

/** The document was deleted (DocumentStore.isDeleted): it is not opened, and not created again by opening it. */
export class DocumentDeletedError extends Error {
  override name = 'DocumentDeletedError';
  constructor(readonly doc: string) {
    super(`document "${doc}" was deleted`);
  }
}

const NO_BYTES = new Uint8Array(0);

export class RoomRegistry {
  /** Loads from storage so far (tests assert single-flight with it). */
  loads = 0;
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  private readonly storedRows = new Map<string, number>();
  private readonly compacting = new Set<string>();
  private aliveAtLastSweep: ReadonlySet<string> = new Set();
  /** Merges stored logs for compaction on a worker thread, off the event loop. */
  private readonly merger: StateMerger;

  constructor(private readonly deps: RegistryDeps) {
    this.merger = new StateMerger({
      onFallback: (reason) => deps.logger.warn({ reason }, 'the merge thread failed; compactions merge on the event loop'),
    });
  }

  /** The room for `name`, loading (and, if new, seeding) it once however many callers ask at the same time. */
  open(name: string): Promise<Room> {
    const room = this.rooms.get(name);
    // The idle-unload timer keeps running: unload() re-checks for sessions, and a caller that never joins (an
    // admin export) must not pin the room in memory.
    if (room && !room.closed) return Promise.resolve(room);
    let pending = this.loading.get(name);
    if (!pending) {
      pending = this.load(name).finally(() => this.loading.delete(name));
      this.loading.set(name, pending);
    }
    return pending;
  }

  /** The loaded room, if any; never loads. */
  peek(name: string): Room | undefined {
    return this.rooms.get(name);
  }

  get size(): number {
    return this.rooms.size;
  }

  loadedRooms(): IterableIterator<Room> {
    return this.rooms.values();
  }

  /** The room if the document exists (loaded or stored), else null. Does not create documents. */
  async openExisting(name: string): Promise<Room | null> {
    if (this.rooms.has(name) || this.loading.has(name)) return this.open(name);
    if (!(await this.deps.store.meta(name))) return null;
    return this.open(name);
  }

  /**
   * Closes the document's connections with 4410, drops it from memory and storage, and tells the other instances
   * to close theirs (their later appends to it are dropped by the store).
   */
  async delete(name: string): Promise<boolean> {
    const room = this.rooms.get(name);
    if (room) {
      room.closeAll(CloseCode.DocumentDeleted, 'document deleted');
      await this.deps.committer.drain();
      this.remove(room);
    }
    const existed = await this.deps.store.delete(name);
    if (existed) this.deps.fanout.publish(name, { kind: 'deleted', payload: NO_BYTES });
    return existed;
  }

  /** Another instance deleted the document: its connections here close with 4410, and the room goes. */
  private readonly deletedElsewhere = (room: Room): void => {
    if (this.rooms.get(room.name) !== room) return;
    room.closeAll(CloseCode.DocumentDeleted, 'document deleted');
    this.remove(room);
    this.deps.logger.info({ doc: room.name }, 'document deleted by another instance');
  };

  /**
   * Drops, in every loaded room, the presence announced by instances whose liveness key expired (they died
   * without saying goodbye), instead of leaving their users visible until the 30 s awareness timeout. Call it
   * periodically: an instance must be missing from two calls in a row, so one that is still reconnecting after
   * a Redis outage (and has not renewed its key yet) keeps its users.
   */
  async expireRemotePresence(): Promise<void> {
    let alive: Set<string>;
    try {
      alive = await this.deps.fanout.aliveInstances();
    } catch {
      // The bus is down, so nobody can be declared dead; /readyz reports the outage. Counted, then retried.
      this.deps.metrics.internalErrors.inc({ where: 'presence-sweep' });
      return;
    }
    const aliveLately = new Set([...alive, ...this.aliveAtLastSweep]);
    this.aliveAtLastSweep = alive;
    for (const room of this.rooms.values()) room.expireRemotePresence(aliveLately);
  }

  /** Closes every session with `code`, commits everything, and drops all rooms. */
  async shutdown(code: number): Promise<void> {
    for (const room of this.rooms.values()) room.closeAll(code, 'server shutting down');
    await this.deps.committer.drain();
    for (const room of Array.from(this.rooms.values())) {
      await this.notifyUnloading(room);
      this.remove(room);
    }
    await this.merger.close();
  }

  private async load(name: string): Promise<Room> {
    const { store, fanout, metrics, logger } = this.deps;
    await this.unloading.get(name);
    const started = performance.now();
    const stored = await store.load(name);
    // Opening a deleted name must not seed it anew: a client still holding the document would then fill it again.
    if (!stored && (await store.isDeleted(name))) throw new DocumentDeletedError(name);
    this.loads++;
    const room = new Room(name, {
      committer: this.deps.committer,
      fanout,
      metrics,
      logger,
      limits: this.deps.limits,
      onEmpty: (r) => this.scheduleUnload(r),
      onCommitted: (r, rows) => this.afterCommit(r, rows),
      onDeletedElsewhere: this.deletedElsewhere,
    });
    if (stored) room.loadStored(stored.updates, stored.bytes);
    this.storedRows.set(name, stored?.updates.length ?? 0);
    await fanout.subscribe(name, room.onFanout);
    room.requestCatchUp();
    this.rooms.set(name, room);
    metrics.documentsLoaded.set(this.rooms.size);
    if (!stored || stored.updates.length === 0) {
      // The seed is byte-identical everywhere (fixed client id), so two instances seeding at once is harmless.
      room.applyServerUpdate(this.deps.seedUpdate, SEED_ORIGIN);
    }
    logger.info({ doc: name, ms: Math.round(performance.now() - started), rows: stored?.updates.length ?? 0 }, 'document loaded');
    // Nobody may join after all (the caller gave up): make sure an unused room still unloads.
    this.scheduleUnload(room);
    return room;
  }

  private scheduleUnload(room: Room): void {
    this.cancelUnload(room.name);
    if (room.sessions.size > 0) return;
    const timer = setTimeout(() => {
      this.unloadTimers.delete(room.name);
      void this.unload(room).catch((error: unknown) => {
        this.deps.metrics.internalErrors.inc({ where: 'unload' });
        this.deps.logger.error({ err: error, doc: room.name }, 'unload failed; keeping the document in memory');
      });
    }, this.deps.idleUnloadMs);
    timer.unref();
    this.unloadTimers.set(room.name, timer);
  }

  private cancelUnload(name: string): void {
    const timer = this.unloadTimers.get(name);
    if (timer) {
      clearTimeout(timer);
      this.unloadTimers.delete(name);
    }
  }

  private async unload(room: Room): Promise<void> {
    if (room.sessions.size > 0 || room.closed) return;
    await this.deps.committer.drain();
    await this.notifyUnloading(room);
    // Leave a one-row log behind, so the next cold load reads, applies and serves a single update.
    if ((this.storedRows.get(room.name) ?? 0) > 1) await this.compactOnce(room.name);
    // Re-check after the awaits: someone may have joined, or uncommitted work may have arrived meanwhile.
    if (room.sessions.size > 0 || room.hasUncommitted || this.rooms.get(room.name) !== room) {
      if (room.sessions.size === 0 && this.rooms.get(room.name) === room) this.scheduleUnload(room);
      return;
    }
    this.remove(room);
    this.deps.logger.info({ doc: room.name }, 'document unloaded');
  }

  private async notifyUnloading(room: Room): Promise<void> {
    for (const observer of this.deps.observers ?? []) await observer.roomUnloading?.(room);
  }

  /** Synchronously drops the room (so no caller can find it half-removed), then unsubscribes. */
  private remove(room: Room): void {
    this.cancelUnload(room.name);
    if (this.rooms.get(room.name) === room) this.rooms.delete(room.name);
    room.destroy();
    this.storedRows.delete(room.name);
    this.deps.metrics.documentsLoaded.set(this.rooms.size);
    const done = this.deps.fanout.unsubscribe(room.name).catch((error: unknown) => {
      this.deps.logger.warn({ err: error, doc: room.name }, 'fan-out unsubscribe failed');
    });
    this.unloading.set(room.name, done);
    void done.finally(() => {
      if (this.unloading.get(room.name) === done) this.unloading.delete(room.name);
    });
  }

  private afterCommit(room: Room, rows: number): void {
    const total = (this.storedRows.get(room.name) ?? 0) + rows;
    this.storedRows.set(room.name, total);
    for (const observer of this.deps.observers ?? []) observer.roomCommitted?.(room);
    if (total > this.deps.compactAfterUpdates) void this.compactOnce(room.name);
  }

  /** Compacts unless a compaction of `name` is already running. Never rejects: the log stays intact on failure. */
  private async compactOnce(name: string): Promise<void> {
    if (this.compacting.has(name)) return;
    this.compacting.add(name);
    try {
      // Commits that land while a compaction runs start none of their own: catch up with them here, for as long as
      // each pass leaves a shorter log than the one before (rows from elsewhere can keep it above the limit).
      let rowsAfterPass = Number.POSITIVE_INFINITY;
      for (;;) {
        await this.compact(name);
        const rows = this.storedRows.get(name) ?? 0;
        if (rows <= this.deps.compactAfterUpdates || rows >= rowsAfterPass) break;
        rowsAfterPass = rows;
      }
    } catch (error) {
      this.deps.metrics.internalErrors.inc({ where: 'compact' });
      this.deps.logger.error({ err: error, doc: name }, 'compaction failed; the update log is intact');
    } finally {
      this.compacting.delete(name);
    }
  }

  /** Merges the stored log into one update. Rows appended while this runs are kept (see DocumentStore.compact). */
  private async compact(name: string): Promise<void> {
    if (this.compactFromMemory(name)) return;
    const { store } = this.deps;
    const stopTimer = this.deps.metrics.compactionSeconds.startTimer({ source: 'storage' });
    const stored = await store.load(name);
    if (!stored || stored.updates.length < 2) return;
    const merged = await this.merger.merge(stored.updates);
    await store.compact(name, stored.lastSeq, merged);
    stopTimer();
    const rows = await store.rowCount(name);
    if (this.storedRows.has(name)) this.storedRows.set(name, rows);
    const room = this.rooms.get(name);
    if (room) room.bytes = room.bytes - stored.bytes + merged.byteLength;
    this.deps.logger.debug({ doc: name, merged: stored.updates.length, bytes: merged.byteLength }, 'compacted');
  }

  /**
   * A loaded document already holds every stored row, when the store can vouch that all of them came through this
   * process (see DocumentStore.replaceLogNow): its encoded state replaces the log. Encoding the 260,000-edit trace
   * document takes about 2 ms; merging its stored rows, which applies them all to a scratch document, took 10 to
   * 30 ms, on the event loop that relays keystrokes. True when done.
   */
  private compactFromMemory(name: string): boolean {
    const { store, metrics } = this.deps;
    const room = this.rooms.get(name);
    if (!room || !store.replaceLogNow) return false;
    const stopTimer = metrics.compactionSeconds.startTimer({ source: 'memory' });
    const state = room.stateToCompact();
    if (!state || !store.replaceLogNow(name, state)) return false;
    stopTimer();
    this.storedRows.set(name, 1);
    room.bytes = state.byteLength;
    this.deps.logger.debug({ doc: name, bytes: state.byteLength }, 'compacted from memory');
    return true;
  }
}
