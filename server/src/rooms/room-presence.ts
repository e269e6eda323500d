// A room's presence: its y-protocols Awareness (cursors, names), who may set which awareness id, what sessions and
// other instances announce, and one coalesced broadcast per tick. Sees sessions, never sockets; sends and closes
// only through the room's callbacks.
import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { CloseCode } from '../../../shared/close-codes';
import { decodeAwarenessUpdate, encodeAwareness, encodeAwarenessUpdate, type AwarenessEntry } from '../../../shared/protocol/codec';
import type { Fanout } from '../fanout/fanout';
import type { Metrics } from '../metrics/metrics';
import { FANOUT_ORIGIN } from './origins';
import type { Session } from './session';

export interface RoomPresenceDeps {
  /** The document name, for fan-out messages. */
  doc: string;
  fanout: Fanout;
  metrics: Metrics;
  maxAwarenessBytes: number;
  /** Sends an awareness frame to every session of the room. */
  broadcast(frame: Uint8Array): void;
  /** Closes `session` for a protocol or access violation. */
  reject(session: Session, code: number, reason: string): void;
}

/**
 * Who may set an awareness id: the local session that introduced it, or (a string) the id of the instance that
 * announced it through the fan-out. A session that owns no id yet may take over a remote one: its client moved
 * here from that instance (a load balancer reconnected it elsewhere), and the remote copy is only a relay of it.
 */
type AwarenessOwner = Session | string;

function isLocalOwner(owner: AwarenessOwner | undefined): owner is Session {
  return owner !== undefined && typeof owner !== 'string';
}

/** Strikes (forged or oversized awareness entries) after which a connection is closed with 4403. */
const MAX_AWARENESS_STRIKES = 3;
/** A stock client announces one awareness id per connection; a few more leave room for a client id change. */
const MAX_AWARENESS_IDS_PER_SESSION = 4;

export class RoomPresence {
  readonly awareness: awarenessProtocol.Awareness;
  private readonly owners = new Map<number, AwarenessOwner>();
  private readonly dirty = new Set<number>();
  private readonly toPublish = new Set<number>();
  private isFlushScheduled = false;
  private isDestroyed = false;

  constructor(
    doc: Y.Doc,
    private readonly deps: RoomPresenceDeps,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server is not a participant: it has no awareness state of its own.
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onUpdate);
  }

  /** Every current state as one awareness frame (for a joining or asking session), or null when there is none. */
  everyoneFrame(): Uint8Array | null {
    if (this.awareness.states.size === 0) return null;
    return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, Array.from(this.awareness.states.keys())));
  }

  /** Removes what `session` introduced; the removal goes out with the next flush (no ghost cursors). */
  removeSession(session: Session): void {
    if (session.awarenessIds.size === 0) return;
    const ids = Array.from(session.awarenessIds);
    for (const id of ids) this.owners.delete(id);
    awarenessProtocol.removeAwarenessStates(this.awareness, ids, session.origin);
  }

  /** Applies a session's awareness update, keeping only entries it may set; strikes close it with 4403. */
  applyFromSession(session: Session, update: Uint8Array): void {
    const entries = decodeAwarenessUpdate(update);
    if (!entries) return this.deps.reject(session, CloseCode.ProtocolViolation, 'malformed awareness update');
    const accepted: AwarenessEntry[] = [];
    let changed = false;
    for (const entry of entries) {
      const owner = this.owners.get(entry.clientId);
      if (owner !== session && entry.clock <= (this.awareness.meta.get(entry.clientId)?.clock ?? -1)) {
        // A relay, not a claim: stock y-websocket clients send back every state they receive. A clock the room
        // has already seen changes nothing, so it is dropped without a strike (and without claiming the id).
        changed = true;
        continue;
      }
      const isForged = isLocalOwner(owner) ? owner !== session : owner !== undefined && session.awarenessIds.size > 0;
      const refusal = isForged ? 'awareness_forged'
        : entry.stateJson.length > this.deps.maxAwarenessBytes ? 'awareness_too_large'
        : owner !== session && session.awarenessIds.size >= MAX_AWARENESS_IDS_PER_SESSION ? 'awareness_too_many_ids'
        : null;
      if (refusal !== null) {
        session.awarenessStrikes++;
        this.deps.metrics.rejected.inc({ reason: refusal });
        changed = true;
        continue;
      }
      if (owner !== session) {
        this.owners.set(entry.clientId, session);
        session.awarenessIds.add(entry.clientId);
      }
      if (session.identity.name !== null && entry.stateJson !== 'null') {
        const stamped = stampName(entry.stateJson, session.identity.name);
        if (stamped === null) {
          this.deps.metrics.rejected.inc({ reason: 'awareness_malformed' });
          changed = true;
          continue;
        }
        if (stamped !== entry.stateJson) changed = true;
        entry.stateJson = stamped;
      }
      accepted.push(entry);
    }
    if (session.awarenessStrikes > MAX_AWARENESS_STRIKES) {
      return this.deps.reject(session, CloseCode.Forbidden, 'awareness forged or oversized');
    }
    if (accepted.length === 0) return;
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, changed ? encodeAwarenessUpdate(accepted) : update, session.origin);
    } catch {
      this.deps.reject(session, CloseCode.ProtocolViolation, 'awareness state is not JSON');
    }
  }

  /** Applies what instance `from` announced through the fan-out. */
  applyFromInstance(payload: Uint8Array, from: string): void {
    const entries = decodeAwarenessUpdate(payload);
    if (!entries) return;
    // A local session owns the ids it introduced: a stale claim from the instance its client left is dropped,
    // and only that entry, so the same frame's other users still arrive.
    const accepted = entries.filter((entry) => !isLocalOwner(this.owners.get(entry.clientId)));
    if (accepted.length === 0) return;
    for (const entry of accepted) {
      if (entry.stateJson === 'null') this.owners.delete(entry.clientId);
      else this.owners.set(entry.clientId, from);
    }
    const update = accepted.length === entries.length ? payload : encodeAwarenessUpdate(accepted);
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, FANOUT_ORIGIN);
  }

  /** The current states of the awareness ids this instance's sessions own, or null when there are none. */
  localUpdate(): Uint8Array | null {
    const ids: number[] = [];
    for (const [id, owner] of this.owners) {
      if (isLocalOwner(owner) && this.awareness.states.has(id)) ids.push(id);
    }
    return ids.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids) : null;
  }

  /** Removes the presence announced by instances not in `alive` (they died without saying goodbye). */
  expireRemote(alive: ReadonlySet<string>): void {
    const expired: number[] = [];
    for (const [id, owner] of this.owners) {
      if (typeof owner === 'string' && !alive.has(owner)) expired.push(id);
    }
    if (expired.length === 0) return;
    for (const id of expired) this.owners.delete(id);
    // Fan-out origin: every instance expires them on its own, so the removal is broadcast here but not published.
    awarenessProtocol.removeAwarenessStates(this.awareness, expired, FANOUT_ORIGIN);
  }

  destroy(): void {
    this.isDestroyed = true;
    this.awareness.off('update', this.onUpdate);
    this.awareness.destroy();
  }

  private readonly onUpdate = (change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    const shouldPublish = origin !== FANOUT_ORIGIN;
    for (const list of [change.added, change.updated, change.removed]) {
      for (const id of list) {
        this.dirty.add(id);
        if (shouldPublish) this.toPublish.add(id);
      }
    }
    // Coalesce: one broadcast per room per tick carries the latest state of every client that changed.
    if (!this.isFlushScheduled) {
      this.isFlushScheduled = true;
      setImmediate(this.flush);
    }
  };

  private readonly flush = (): void => {
    this.isFlushScheduled = false;
    if (this.isDestroyed || this.dirty.size === 0) return;
    const ids = Array.from(this.dirty);
    this.dirty.clear();
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids);
    this.deps.broadcast(encodeAwareness(update));
    if (this.toPublish.size > 0) {
      const publishIds = Array.from(this.toPublish);
      this.toPublish.clear();
      const payload = publishIds.length === ids.length ? update : awarenessProtocol.encodeAwarenessUpdate(this.awareness, publishIds);
      this.deps.fanout.publish(this.deps.doc, { kind: 'awareness', payload });
    }
  };
}

/** Replaces the display name in an awareness state with the token's; null if the state is not a JSON object. */
function stampName(stateJson: string, name: string): string | null {
  let state: unknown;
  try {
    state = JSON.parse(stateJson);
  } catch {
    return null;
  }
  if (typeof state !== 'object' || state === null || Array.isArray(state)) return null;
  const record = state as Record<string, unknown>;
  if (record.name === name) return stateJson;
  record.name = name;
  return JSON.stringify(record);
}
