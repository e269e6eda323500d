// Automatic versions: after a document has been edited and then stays idle for `idleMs`, or every `intervalMs`
// while editing goes on, stores a kind 'auto' version and keeps only the newest `keep` of them. A room observer:
// it never touches the room's document beyond reading it, and its timers never hold the process open.
import * as Y from 'yjs';
import { SEED_CLIENT_ID } from '../../../shared/lexical/seed-update';
import type { Logger } from '../logger';
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
   * The same for every instance sharing the document (Fanout.isQuiet): another instance's import reaches this room
   * piece by piece too. Resolving false, it promises that the pieces of replacements that ended are in this room.
   * Rejects when nobody can tell (Redis down); the version is taken then, since no instance can publish meanwhile.
   */
  isReplacingAnywhere(doc: string): Promise<boolean>;
}

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
    await this.take(room, { unloading: true });
    this.newest.delete(room.name);
  }

  /** Stores the pending version of `room`, if any. Never rejects: a failed auto version is logged and counted. */
  private take(room: Room, { unloading = false } = {}): Promise<void> {
    const pending = this.pending.get(room);
    if (!pending) return this.writing.get(room.name) ?? Promise.resolve();
    this.pending.delete(room);
    clearTimeout(pending.idle);
    clearTimeout(pending.deadline);
    if (this.deps.isReplacing(room.name)) return this.postpone(room, unloading);
    const previous = this.writing.get(room.name) ?? Promise.resolve();
    const done = this.capture(room)
      .then(async (captured) => {
        if (captured === 'replacing') return void this.postpone(room, unloading);
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

  /** A replacement is under way: its pieces commit to this room (arming a version again) or to the one loaded again. */
  private postpone(room: Room, unloading: boolean): Promise<void> {
    // Re-armed, since a replacement on another instance commits its pieces there, not here.
    if (!unloading && !room.closed) this.roomCommitted(room);
    return this.writing.get(room.name) ?? Promise.resolve();
  }

  /**
   * The room's content now, read at once (the room may be gone by the time the store answers); 'replacing' while an
   * import or restore of it is under way on any instance, null when the room was deleted.
   */
  private async capture(room: Room): Promise<CapturedVersion | 'replacing' | null> {
    const isReplacingElsewhere = await this.deps.isReplacingAnywhere(room.name).catch((error: unknown) => {
      this.deps.logger.debug({ err: error, doc: room.name }, 'cannot ask the other instances about replacements');
      return false;
    });
    if (isReplacingElsewhere || this.deps.isReplacing(room.name)) return 'replacing';
    if (room.closed) {
      this.newest.delete(room.name); // deleted: there is nothing left to version
      return null;
    }
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
