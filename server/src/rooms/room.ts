// One live document: its Y.Doc, its Awareness and the sessions editing it. Owns the hot path
// (decode → check → apply → commit → broadcast) but never sees a WebSocket (only PeerSocket) or a database
// (only the Committer). Frames are encoded once and the same bytes go to every peer.
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode } from '../../../shared/close-codes';
import {
  decodeAwarenessUpdate,
  decodeFrame,
  encodeAck,
  encodeAwareness,
  encodeAwarenessUpdate,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  isEncodedUpdate,
  type AwarenessEntry,
  type ClientMessage,
} from '../../../shared/protocol/codec';
import type { Fanout, FanoutMessage } from '../fanout/fanout';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics/metrics';
import type { CommitEntry, CommitListener, Committer } from './committer';
import { FANOUT_ORIGIN, STORAGE_ORIGIN, isChangeOrigin, type ChangeOrigin } from './origins';
import { isIntegrableAppend } from './integrable-update';
import type { Session } from './session';
import { canApplyDirectly } from './update-guard';

export interface RoomLimits {
  maxDocBytes: number;
  maxBufferedBytes: number;
  maxAwarenessBytes: number;
}

export interface RoomDeps {
  committer: Committer;
  fanout: Fanout;
  metrics: Metrics;
  logger: Logger;
  limits: RoomLimits;
  /** The last session left. */
  onEmpty(room: Room): void;
  /** A flush committed `rows` updates of this room. */
  onCommitted(room: Room, rows: number): void;
}

export class RoomClosedError extends Error {
  override name = 'RoomClosedError';
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

/**
 * Largest update the keystroke path takes (see commitBeforeApply). Checking an update decodes it in full, which for
 * a large paste costs about what applying it first would: those take the general path.
 */
const MAX_KEYSTROKE_UPDATE_BYTES = 16 * 1024;
/** Strikes (forged or oversized awareness entries) after which a connection is closed with 4403. */
const MAX_AWARENESS_STRIKES = 3;
/** A stock client announces one awareness id per connection; a few more leave room for a client id change. */
const MAX_AWARENESS_IDS_PER_SESSION = 4;

export class Room implements CommitListener {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly sessions = new Set<Session>();
  /** Estimated encoded size of the document: stored bytes plus every update applied since. */
  bytes = 0;
  /** ms since epoch of the last local change (session or admin), for automatic versions. */
  lastChangeAt = 0;
  closed = false;
  private uncommitted = 0;
  private deferred: Array<{ session: Session; stateVector: Uint8Array }> = [];
  /** Catch-up requests of other instances, held (like `deferred`) until nothing of this room is uncommitted. */
  private deferredCatchUps: FanoutMessage[] = [];
  private readonly awarenessOwner = new Map<number, AwarenessOwner>();
  private readonly awarenessDirty = new Set<number>();
  private readonly awarenessToPublish = new Set<number>();
  private awarenessFlushScheduled = false;
  private committedSinceFlush = 0;
  /** While a frame of exactly one message is handled: its update may commit (and broadcast) at once. */
  private isSoleMessage = false;
  /** While a frame holding exactly one update message is handled: that frame, the same bytes a peer needs. */
  private soleUpdateFrame: Uint8Array | null = null;
  /** While an update that was committed and broadcast before it was applied (the keystroke path) is applied. */
  private isApplyingCommitted = false;
  /**
   * SyncStep2 for a client that has nothing (the common cold-load case), kept until the document changes, so
   * a crowd joining a large document costs one encoding.
   */
  private fullStateFrame: Uint8Array | null = null;

  constructor(
    readonly name: string,
    private readonly deps: RoomDeps,
  ) {
    // The server is not a participant: it has no awareness state of its own.
    this.awareness.setLocalState(null);
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /** Applies stored updates without re-storing or broadcasting them. */
  loadStored(updates: readonly Uint8Array[], bytes: number): void {
    Y.transact(this.doc, () => {
      for (const update of updates) Y.applyUpdate(this.doc, update, STORAGE_ORIGIN);
    }, STORAGE_ORIGIN);
    this.bytes = bytes;
    // A compacted log is one update holding the whole document: the answer to a fresh client, ready-made.
    if (updates.length === 1) this.fullStateFrame = encodeSyncStep2(updates[0]!);
  }

  /** Applies a change made by the server itself (seed, import, restore): committed and broadcast like any other. */
  applyServerUpdate(update: Uint8Array, origin: ChangeOrigin): void {
    Y.applyUpdate(this.doc, update, origin);
  }

  join(session: Session): void {
    if (this.closed) throw new RoomClosedError(`room ${this.name} is closed`);
    this.sessions.add(session);
    this.send(session, encodeSyncStep1(Y.encodeStateVector(this.doc)));
    if (this.awareness.states.size > 0) {
      const ids = Array.from(this.awareness.states.keys());
      this.send(session, encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)));
    }
    if (session.identity.role === 'viewer') this.tellReadOnly(session);
  }

  leave(session: Session): void {
    if (!this.sessions.delete(session)) return;
    this.deferred = this.deferred.filter((d) => d.session !== session);
    if (session.awarenessIds.size > 0) {
      const ids = Array.from(session.awarenessIds);
      for (const id of ids) this.awarenessOwner.delete(id);
      awarenessProtocol.removeAwarenessStates(this.awareness, ids, session.origin);
    }
    if (this.sessions.size === 0) this.deps.onEmpty(this);
  }

  /** Handles one binary frame from `session`. Never throws: problems close that session only. */
  receive(session: Session, frame: Uint8Array): void {
    if (!this.sessions.has(session)) return;
    try {
      this.handleFrame(session, frame);
    } finally {
      this.isSoleMessage = false;
      this.soleUpdateFrame = null;
      // Counted once the frame is handled, so a keystroke's broadcast does not wait for the metrics.
      this.deps.metrics.bytesIn.inc(frame.byteLength);
    }
  }

  private handleFrame(session: Session, frame: Uint8Array): void {
    if (!session.admit(frame.byteLength)) return this.reject(session, CloseCode.RateLimited, 'rate limit exceeded');
    const decoded = decodeFrame(frame);
    if (!decoded.ok) return this.reject(session, CloseCode.ProtocolViolation, decoded.reason);
    if (!session.admitPacked(decoded.messages.length - 1)) return this.reject(session, CloseCode.RateLimited, 'rate limit exceeded');
    // A frame holding one message (a keystroke) commits at once (a lone update that integrates cleanly even before it
    // is applied: see commitBeforeApply); the updates of a frame holding several share one commit.
    this.isSoleMessage = decoded.messages.length === 1;
    const sole = decoded.messages[0]!;
    if (this.isSoleMessage && sole.type === 'update' && isEncodedUpdate(frame, sole.update)) this.soleUpdateFrame = frame;
    for (const message of decoded.messages) {
      if (!this.sessions.has(session)) return;
      this.handleMessage(session, message);
      this.deps.metrics.messagesIn.inc(message.type);
    }
  }

  private handleMessage(session: Session, message: ClientMessage): void {
    switch (message.type) {
      case 'sync-step1':
        this.answerSyncStep1(session, message.stateVector);
        break;
      case 'sync-step2':
      case 'update':
        this.applyClientUpdate(session, message.update);
        break;
      case 'awareness':
        this.applyClientAwareness(session, message.update);
        break;
      case 'query-awareness': {
        const ids = Array.from(this.awareness.states.keys());
        this.send(session, encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)));
        break;
      }
    }
  }

  /** Closes every session with `code` (document deleted, shutdown). */
  closeAll(code: number, reason: string): void {
    for (const session of Array.from(this.sessions)) this.closeSession(session, code, reason);
  }

  /** True while updates of this room wait for their commit. */
  get hasUncommitted(): boolean {
    return this.uncommitted > 0;
  }

  destroy(): void {
    this.closed = true;
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }

  // --- fan-out from other instances -------------------------------------------------------------------------

  readonly onFanout = (_doc: string, message: FanoutMessage): void => {
    if (this.closed) return;
    const { fanout, logger } = this.deps;
    try {
      switch (message.kind) {
        case 'update':
          Y.applyUpdate(this.doc, message.payload, FANOUT_ORIGIN);
          break;
        case 'awareness':
          this.applyRemoteAwareness(message.payload, message.from);
          break;
        case 'sync-request':
          if (message.to !== undefined && message.to !== fanout.instanceId) return;
          // Like a client's SyncStep1: a reply must not carry what a crash here could still lose, so it waits
          // for this room's pending commits.
          if (this.uncommitted > 0) this.deferredCatchUps.push(message);
          else this.answerCatchUp(message);
          break;
        case 'sync-reply':
          if (message.to === fanout.instanceId) Y.applyUpdate(this.doc, message.payload, FANOUT_ORIGIN);
          break;
      }
    } catch (error) {
      // A peer instance sent something we cannot apply; our own state is unaffected. Counted, not thrown.
      this.deps.metrics.internalErrors.inc({ where: 'fanout-apply' });
      logger.warn({ err: error, doc: this.name, kind: message.kind }, 'dropped an unusable fan-out message');
    }
  };

  private answerCatchUp(request: FanoutMessage): void {
    const { fanout } = this.deps;
    fanout.publish(this.name, { kind: 'sync-reply', to: request.from, payload: Y.encodeStateAsUpdate(this.doc, request.payload) });
    // An untargeted request (a room just loaded, or an instance reconnected) is answered with a targeted request
    // back, so both sides end with the union; a targeted one is not, so the exchange terminates.
    if (request.to === undefined) {
      fanout.publish(this.name, { kind: 'sync-request', to: request.from, payload: Y.encodeStateVector(this.doc) });
      // The requester missed our users' presence too, and nobody re-announces it for up to 15 s.
      const presence = this.localAwarenessUpdate();
      if (presence) fanout.publish(this.name, { kind: 'awareness', to: request.from, payload: presence });
    }
  }

  /** Asks the other instances for what this room lacks (and offers what it has, presence included). */
  requestCatchUp(): void {
    this.deps.fanout.publish(this.name, { kind: 'sync-request', payload: Y.encodeStateVector(this.doc) });
    // After an outage, peers may have expired our users (our liveness key lapsed): announce them again.
    const presence = this.localAwarenessUpdate();
    if (presence) this.deps.fanout.publish(this.name, { kind: 'awareness', payload: presence });
  }

  /** Removes the presence announced by instances not in `alive` (they died without saying goodbye). */
  expireRemotePresence(alive: ReadonlySet<string>): void {
    if (this.closed) return;
    const expired: number[] = [];
    for (const [id, owner] of this.awarenessOwner) {
      if (typeof owner === 'string' && !alive.has(owner)) expired.push(id);
    }
    if (expired.length === 0) return;
    for (const id of expired) this.awarenessOwner.delete(id);
    // Fan-out origin: every instance expires them on its own, so the removal is broadcast here but not published.
    awarenessProtocol.removeAwarenessStates(this.awareness, expired, FANOUT_ORIGIN);
  }

  // --- commit results --------------------------------------------------------------------------------------

  committed(entry: CommitEntry): void {
    this.uncommitted--;
    this.committedSinceFlush++;
    const origin = entry.origin as ChangeOrigin;
    const sender = origin.kind === 'session' ? origin.session : null;
    this.broadcast(entry.frame, sender);
    this.deps.fanout.publish(this.name, { kind: 'update', payload: entry.update });
    if (sender?.wantsAck) sender.ackOwed = true;
  }

  flushed(): void {
    const rows = this.committedSinceFlush;
    this.committedSinceFlush = 0;
    // Acks and deferred sync replies go out only when nothing of this room is still uncommitted, so a state
    // vector or a SyncStep2 never covers an update that a crash could still lose.
    if (this.uncommitted === 0 && !this.closed) {
      const deferred = this.deferred;
      this.deferred = [];
      for (const { session, stateVector } of deferred) this.sendSyncStep2(session, stateVector);
      const catchUps = this.deferredCatchUps;
      this.deferredCatchUps = [];
      for (const request of catchUps) this.answerCatchUp(request);
      let ack: Uint8Array | null = null;
      for (const session of this.sessions) {
        if (!session.ackOwed) continue;
        session.ackOwed = false;
        ack ??= encodeAck(Y.encodeStateVector(this.doc));
        this.send(session, ack);
      }
    }
    this.deps.onCommitted(this, rows);
  }

  // --- internals -------------------------------------------------------------------------------------------

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === STORAGE_ORIGIN) return;
    this.fullStateFrame = null;
    this.bytes += update.byteLength;
    if (this.isApplyingCommitted) {
      this.lastChangeAt = Date.now();
      return; // committed and broadcast already (see commitBeforeApply)
    }
    const frame = encodeUpdate(update);
    if (origin === FANOUT_ORIGIN) {
      // Already committed by the instance that received it.
      this.broadcast(frame, null);
      return;
    }
    if (!isChangeOrigin(origin)) {
      this.deps.logger.error({ doc: this.name }, 'document changed with an untagged origin');
    }
    this.lastChangeAt = Date.now();
    this.uncommitted++;
    this.deps.committer.enqueue({ doc: this.name, update, frame, origin, listener: this }, this.isSoleMessage);
  };

  private answerSyncStep1(session: Session, stateVector: Uint8Array): void {
    try {
      Y.decodeStateVector(stateVector);
    } catch {
      return this.reject(session, CloseCode.ProtocolViolation, 'malformed state vector');
    }
    if (!session.admitSyncRequest(this.bytes)) return this.reject(session, CloseCode.RateLimited, 'sync requests over the byte rate limit');
    // Nothing uncommitted may reach a peer: hold the request until this room's pending commits are done. The
    // reply is encoded when it goes out, so a held request costs its state vector, not a copy of the document.
    if (this.uncommitted > 0) this.deferred.push({ session, stateVector });
    else this.sendSyncStep2(session, stateVector);
  }

  /** Encodes a (whole-document-sized) reply only for a peer that is still here and keeps up with what it got. */
  private sendSyncStep2(session: Session, stateVector: Uint8Array): void {
    if (!this.sessions.has(session) || this.isSlowReader(session)) return;
    if (!isEmptyStateVector(stateVector)) {
      this.send(session, encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector)));
      return;
    }
    this.fullStateFrame ??= encodeSyncStep2(Y.encodeStateAsUpdate(this.doc));
    this.send(session, this.fullStateFrame);
  }

  private applyClientUpdate(session: Session, update: Uint8Array): void {
    if (isEmptyUpdate(update)) return;
    if (session.identity.role === 'viewer') {
      this.deps.metrics.rejected.inc({ reason: 'viewer_update' });
      this.tellReadOnly(session);
      return;
    }
    // What Yjs holds back (see dropPendingFrom) takes memory and goes out to joiners, so it counts too.
    if (this.bytes + pendingBytes(this.doc) + update.byteLength > this.deps.limits.maxDocBytes) {
      return this.reject(session, CloseCode.DocumentTooLarge, 'document size limit reached');
    }
    const hadPending = pendingBytes(this.doc) > 0;
    if (!hadPending && this.soleUpdateFrame !== null && this.commitBeforeApply(session, update, this.soleUpdateFrame)) return;
    try {
      // Yjs reads every struct before it integrates any, so a malformed update fails before anything changes. One
      // that fails later (in its delete set) keeps its integrated part, which is a valid update and committed.
      // Updates whose claimed struct counts applyUpdate cannot be trusted with are decoded in full first.
      if (!canApplyDirectly(update)) Y.decodeUpdate(update);
      Y.applyUpdate(this.doc, update, session.origin);
    } catch {
      this.reject(session, CloseCode.ProtocolViolation, 'update does not decode');
    }
    if (!hadPending && pendingBytes(this.doc) > 0) this.dropPendingFrom(session);
  }

  /**
   * The keystroke path. Applying a cold update takes Yjs about as long as committing it, and peers need neither
   * to have happened in this process, only the update on disk: so a lone update that will integrate completely
   * (checked against the document first) is committed, then broadcast as the very frame it came in, then applied.
   * Acks and deferred replies (flushed) follow the apply, so the state vectors they carry cover it. False when this
   * path does not fit (a busy committer, an asynchronous store, an update that overlaps, has gaps or references
   * unknown content): the general path then applies first and commits what Yjs reports.
   */
  private commitBeforeApply(session: Session, update: Uint8Array, frame: Uint8Array): boolean {
    const { committer } = this.deps;
    if (update.byteLength > MAX_KEYSTROKE_UPDATE_BYTES || !committer.canCommitBeforeApply()) return false;
    if (!isIntegrableAppend(this.doc, update)) return false;
    this.uncommitted++;
    if (!committer.commitBeforeApply({ doc: this.name, update, frame, origin: session.origin, listener: this })) {
      this.uncommitted--;
      return false;
    }
    this.isApplyingCommitted = true;
    try {
      Y.applyUpdate(this.doc, update, session.origin);
    } catch (error) {
      // isIntegrableAppend admitted it, so Yjs failing here is a bug: stored and sent, the update is not in memory.
      this.deps.metrics.internalErrors.inc({ where: 'apply-committed' });
      this.deps.logger.error({ err: error, doc: this.name, session: session.id }, 'a committed update did not apply');
      this.reject(session, CloseCode.InternalError, 'unexpected server error');
    } finally {
      this.isApplyingCommitted = false;
    }
    this.flushed();
    return true;
  }

  /**
   * Yjs keeps what it cannot integrate yet (it depends on content this server never received) and merges it again
   * on every later update, so a connection sending such updates could make each edit of the room slower without
   * bound. A stock client never needs it kept: whatever the server lacks, the client sends in its SyncStep2 answer
   * to the server's SyncStep1, and later updates only depend on what it already sent. So it is dropped.
   */
  private dropPendingFrom(session: Session): void {
    this.doc.store.pendingStructs = null;
    this.doc.store.pendingDs = null;
    this.deps.metrics.rejected.inc({ reason: 'update_missing_dependencies' });
    this.deps.logger.debug({ doc: this.name, session: session.id }, 'dropped an update with missing dependencies');
  }

  private applyClientAwareness(session: Session, update: Uint8Array): void {
    const entries = decodeAwarenessUpdate(update);
    if (!entries) return this.reject(session, CloseCode.ProtocolViolation, 'malformed awareness update');
    const accepted: AwarenessEntry[] = [];
    let changed = false;
    for (const entry of entries) {
      const owner = this.awarenessOwner.get(entry.clientId);
      if (owner !== session && entry.clock <= (this.awareness.meta.get(entry.clientId)?.clock ?? -1)) {
        // A relay, not a claim: stock y-websocket clients send back every state they receive. A clock the room
        // has already seen changes nothing, so it is dropped without a strike (and without claiming the id).
        changed = true;
        continue;
      }
      const isForged = isLocalOwner(owner) ? owner !== session : owner !== undefined && session.awarenessIds.size > 0;
      const refusal = isForged ? 'awareness_forged'
        : entry.stateJson.length > this.deps.limits.maxAwarenessBytes ? 'awareness_too_large'
        : owner !== session && session.awarenessIds.size >= MAX_AWARENESS_IDS_PER_SESSION ? 'awareness_too_many_ids'
        : null;
      if (refusal !== null) {
        session.awarenessStrikes++;
        this.deps.metrics.rejected.inc({ reason: refusal });
        changed = true;
        continue;
      }
      if (owner !== session) {
        this.awarenessOwner.set(entry.clientId, session);
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
      return this.reject(session, CloseCode.Forbidden, 'awareness forged or oversized');
    }
    if (accepted.length === 0) return;
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, changed ? encodeAwarenessUpdate(accepted) : update, session.origin);
    } catch {
      this.reject(session, CloseCode.ProtocolViolation, 'awareness state is not JSON');
    }
  }

  private applyRemoteAwareness(payload: Uint8Array, from: string): void {
    const entries = decodeAwarenessUpdate(payload);
    if (!entries) return;
    // A local session owns the ids it introduced: a stale claim from the instance its client left is dropped,
    // and only that entry, so the same frame's other users still arrive.
    const accepted = entries.filter((entry) => !isLocalOwner(this.awarenessOwner.get(entry.clientId)));
    if (accepted.length === 0) return;
    for (const entry of accepted) {
      if (entry.stateJson === 'null') this.awarenessOwner.delete(entry.clientId);
      else this.awarenessOwner.set(entry.clientId, from);
    }
    const update = accepted.length === entries.length ? payload : encodeAwarenessUpdate(accepted);
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, FANOUT_ORIGIN);
  }

  /** The current states of the awareness ids this instance's sessions own, or null when there are none. */
  private localAwarenessUpdate(): Uint8Array | null {
    const ids: number[] = [];
    for (const [id, owner] of this.awarenessOwner) {
      if (isLocalOwner(owner) && this.awareness.states.has(id)) ids.push(id);
    }
    return ids.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids) : null;
  }

  private readonly onAwarenessUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const publish = origin !== FANOUT_ORIGIN;
    for (const list of [change.added, change.updated, change.removed]) {
      for (const id of list) {
        this.awarenessDirty.add(id);
        if (publish) this.awarenessToPublish.add(id);
      }
    }
    // Coalesce: one broadcast per room per tick carries the latest state of every client that changed.
    if (!this.awarenessFlushScheduled) {
      this.awarenessFlushScheduled = true;
      setImmediate(this.flushAwareness);
    }
  };

  private readonly flushAwareness = (): void => {
    this.awarenessFlushScheduled = false;
    if (this.closed || this.awarenessDirty.size === 0) return;
    const ids = Array.from(this.awarenessDirty);
    this.awarenessDirty.clear();
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids);
    this.broadcast(encodeAwareness(update), null, 'awareness');
    if (this.awarenessToPublish.size > 0) {
      const publishIds = Array.from(this.awarenessToPublish);
      this.awarenessToPublish.clear();
      const payload = publishIds.length === ids.length ? update : awarenessProtocol.encodeAwarenessUpdate(this.awareness, publishIds);
      this.deps.fanout.publish(this.name, { kind: 'awareness', payload });
    }
  };

  private broadcast(frame: Uint8Array, except: Session | null, type: 'update' | 'awareness' = 'update'): void {
    let peers = 0;
    for (const session of this.sessions) {
      if (session === except) continue;
      if (this.send(session, frame)) peers++;
    }
    const { metrics } = this.deps;
    if (type === 'update') metrics.fanoutPeers.observe(peers);
    metrics.messagesOut.inc(type, peers);
    metrics.bytesOut.inc(frame.byteLength * peers);
  }

  /** Sends unless the peer reads too slowly. */
  private send(session: Session, frame: Uint8Array): boolean {
    if (this.isSlowReader(session)) return false;
    session.socket.send(frame);
    return true;
  }

  /** A peer with more than MAX_BUFFERED_BYTES unsent is closed (4503), so its buffer cannot grow without bound. */
  private isSlowReader(session: Session): boolean {
    if (session.socket.bufferedAmount <= this.deps.limits.maxBufferedBytes) return false;
    this.reject(session, CloseCode.Overloaded, 'client reads too slowly');
    return true;
  }

  private tellReadOnly(session: Session): void {
    if (session.toldReadOnly) return;
    session.toldReadOnly = true;
    this.send(session, encodePermissionDenied('read-only: this token may view but not edit'));
  }

  private reject(session: Session, code: number, reason: string): void {
    this.deps.metrics.rejected.inc({ reason: String(code) });
    this.deps.logger.info({ doc: this.name, session: session.id, code, reason }, 'closing connection');
    this.closeSession(session, code, reason);
  }

  private closeSession(session: Session, code: number, reason: string): void {
    session.socket.close(code, reason);
    this.leave(session);
  }
}

/** The state vector of an empty document: zero clients. */
function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.byteLength === 1 && stateVector[0] === 0;
}

/** y-websocket sends an empty SyncStep2 on connect: no structs, empty delete set. */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength === 2 && update[0] === 0 && update[1] === 0;
}

/** Bytes Yjs keeps pending until missing dependencies arrive (not yet counted in Room.bytes). */
function pendingBytes(doc: Y.Doc): number {
  const { pendingStructs, pendingDs } = doc.store;
  return (pendingStructs?.update.byteLength ?? 0) + (pendingDs?.byteLength ?? 0);
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
