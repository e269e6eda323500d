// Automatic versions: after a document has been edited and then stays idle for `idleMs`, or every `intervalMs`
// while editing goes on, stores a kind 'auto' version and keeps only the newest `keep` of them. A room observer:
// it never touches the room's document beyond reading it, and its timers never hold the process open.
import * as Y from 'yjs';
import { SEED_CLIENT_ID } from '../../../shared/lexical/seed-update';
import type { Logger } from '../logger';
import type { QuietRead } from '../fanout/fanout';
import type { Metrics } from '../metrics/metrics';
import type { RoomObserver } from '../rooms/registry';
import type { Room } from '../rooms/room';
import type { DocumentStore } from '../storage/storage';

export interface AutoVersionerDeps {
  store: DocumentStore;
  metrics: Metrics;
  logger: Logger;
  idleMs: number;
  intervalMs: number;
  keep: number;
  /**
   * True while an import or restore puts new content into `doc` on this instance (queued or running), a piece per
   * event-loop turn: a version then would hold half of it, so the version waits (or, when the room unloads meanwhile,
   * is left to the room loaded again, or to the instance that replaced it).
   */
  isReplacing(doc: string): boolean;
  /**
   * Calls `read` while no import or restore of `doc` runs on any instance sharing it, once what finished ones published
   * is in this room (Fanout.whenQuiet): another instance's import reaches this room piece by piece too. Rejects when
   * the instances cannot be asked (Redis unreachable); the version then waits, since pieces may still be on their way.
   */
  whenNoReplacementAnywhere<T>(doc: string, read: () => T): Promise<QuietRead<T>>;
}

/**
 * How long an unloading room's version waits for the other instances' answer (three Redis round trips, normally
 * under a millisecond): an unload, and a shutdown's unloads one after another, must not hang on an unresponsive Redis.
 * Past it the version is left to the instance that replaced the document, or to the room's next edit.
 */
const UNLOAD_QUIET_WAIT_MS = 500;

interface CapturedVersion {
  state: Uint8Array;
  snapshot: Y.Snapshot;
}

interface PendingVersion {
  /** Pushed back by every commit. */
  idle: NodeJS.Timeout;
  /** Set at the first commit after a version; not pushed back, so continuous editing still gets versions. */
  deadline: NodeJS.Timeout;
}

export class AutoVersioner implements RoomObserver {
  private readonly pending = new Map<Room, PendingVersion>();
  /** Per doc: the version being written, so two triggers never store the same state twice. */
  private readonly writing = new Map<string, Promise<void>>();
  /** Rooms whose unload waits for their version: a postponed version is not armed again for them. */
  private readonly unloading = new Set<Room>();
  /** Per doc: the newest stored version as a Yjs snapshot (state vector and delete set), to tell "unchanged". */
  private readonly newest = new Map<string, { id: string; snapshot: Y.Snapshot }>();

  constructor(private readonly deps: AutoVersionerDeps) {}

  roomCommitted(room: Room): void {
    const pending = this.pending.get(room);
    if (pending) {
      pending.idle.refresh();
      return;
    }
    const take = () => void this.take(room);
    this.pending.set(room, {
      idle: setTimeout(take, this.deps.idleMs).unref(),
      deadline: setTimeout(take, this.deps.intervalMs).unref(),
    });
  }

  async roomUnloading(room: Room): Promise<void> {
    this.unloading.add(room);
    try {
      await this.take(room, { unloading: true });
    } finally {
      this.unloading.delete(room);
    }
    this.newest.delete(room.name);
  }

  /** Stores the pending version of `room`, if any. Never rejects: a failed auto version is logged and counted. */
  private take(room: Room, { unloading = false } = {}): Promise<void> {
    const pending = this.pending.get(room);
    if (!pending) return this.writing.get(room.name) ?? Promise.resolve();
    this.pending.delete(room);
    clearTimeout(pending.idle);
    clearTimeout(pending.deadline);
    if (this.deps.isReplacing(room.name)) return this.postpone(room);
    const previous = this.writing.get(room.name) ?? Promise.resolve();
    const done = this.capture(room, unloading)
      .then(async (captured) => {
        if (captured === 'replacing') return void this.postpone(room);
        if (captured === null) return;
        await previous;
        await this.store(room, captured.state, captured.snapshot);
      })
      .catch((error: unknown) => {
        this.deps.metrics.internalErrors.inc({ where: 'auto_version' });
        this.deps.logger.error({ err: error, doc: room.name }, 'automatic version failed');
      })
      .finally(() => {
        if (this.writing.get(room.name) === done) this.writing.delete(room.name);
      });
    this.writing.set(room.name, done);
    return done;
  }

  /**
   * A replacement is under way: its pieces commit to this room (arming a version again) or to the one loaded again.
   * Re-armed here too, since a replacement on another instance commits its pieces there; not for a room that unloads.
   */
  private postpone(room: Room): Promise<void> {
    this.deps.metrics.autoVersionsPostponed.inc();
    if (!this.unloading.has(room) && !room.closed) this.roomCommitted(room);
    return this.writing.get(room.name) ?? Promise.resolve();
  }

  /**
   * The room's content, read at once at a moment no replacement of it is under way on any instance (the room may be
   * gone by the time the store answers); 'replacing' when one is (or the instances cannot be asked), null when the
   * room closed.
   */
  private async capture(room: Room, unloading: boolean): Promise<CapturedVersion | 'replacing' | null> {
    const asked = this.deps.whenNoReplacementAnywhere(room.name, () => this.read(room));
    let outcome: QuietRead<CapturedVersion | 'replacing' | null>;
    try {
      outcome = unloading ? await withinMs(asked, UNLOAD_QUIET_WAIT_MS, 'the other instances did not answer in time') : await asked;
    } catch (error) {
      // Counted as postponed; the fan-out logs the outage itself.
      this.deps.logger.debug({ err: error, doc: room.name }, 'cannot ask the other instances about imports; the automatic version waits');
      return 'replacing';
    }
    return outcome.isQuiet ? outcome.value : 'replacing';
  }

  private read(room: Room): CapturedVersion | 'replacing' | null {
    if (this.deps.isReplacing(room.name)) return 'replacing';
    if (room.closed) return null;
    return { state: Y.encodeStateAsUpdate(room.doc), snapshot: Y.snapshot(room.doc) };
  }

  private async store(room: Room, state: Uint8Array, snapshot: Y.Snapshot): Promise<void> {
    const { store } = this.deps;
    const doc = room.name;
    // A document nobody has written to holds only the seed paragraph: not worth a version.
    if (Array.from(snapshot.sv.keys()).every((client) => client === SEED_CLIENT_ID)) return;
    if (await this.isNewestVersion(doc, snapshot)) return;
    // Closed while we read means deleted (an unload waits for this write before it closes the room): storing now
    // would leave a version of a document that no longer exists.
    if (room.closed) return;
    const meta = await store.createSnapshot({ doc, label: null, author: null, kind: 'auto', state });
    this.newest.set(doc, { id: meta.id, snapshot });
    await store.pruneSnapshots(doc, 'auto', this.deps.keep);
    this.deps.logger.debug({ doc, id: meta.id, bytes: meta.bytes }, 'automatic version stored');
  }

  /** True when `snapshot` has the same content as the newest stored version (of any kind). */
  private async isNewestVersion(doc: string, snapshot: Y.Snapshot): Promise<boolean> {
    const [newestMeta] = await this.deps.store.listSnapshots(doc);
    if (!newestMeta) return false;
    let known = this.newest.get(doc);
    if (known?.id !== newestMeta.id) {
      const stored = await this.deps.store.getSnapshot(doc, newestMeta.id);
      if (!stored) return false;
      // Anything typed since that version shows in the state vector, read off the stored bytes in a few ms; its
      // snapshot needs the whole document applied (25 to 60 ms for the 259,778-edit trace), on the event loop.
      if (!equalStateVectors(Y.decodeStateVector(Y.encodeStateVectorFromUpdate(stored.state)), snapshot.sv)) return false;
      known = { id: newestMeta.id, snapshot: snapshotOfState(stored.state) };
      this.newest.set(doc, known);
    }
    return Y.equalSnapshots(known.snapshot, snapshot);
  }
}

function equalStateVectors(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [client, clock] of a) if (b.get(client) !== clock) return false;
  return true;
}

function snapshotOfState(state: Uint8Array): Y.Snapshot {
  const scratch = new Y.Doc();
  Y.applyUpdate(scratch, state);
  const snapshot = Y.snapshot(scratch);
  scratch.destroy();
  return snapshot;
}

/** `promise`, or a rejection with `reason` once `ms` have passed. */
function withinMs<T>(promise: Promise<T>, ms: number, reason: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(reason)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
