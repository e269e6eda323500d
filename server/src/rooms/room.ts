// One live document: its Y.Doc, its presence (RoomPresence: awareness) and the sessions editing it. Owns the hot path
// (decode → check → apply → commit → broadcast; a keystroke: decode → check → commit → broadcast → apply) but never
// sees a WebSocket (only PeerSocket) or a database (only the Committer). Frames are encoded once and the same bytes
// go to every peer.
import * as Y from 'yjs';
import { CloseCode } from '../../../shared/close-codes';
import {
  decodeFrame,
  encodeAck,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  isEncodedUpdate,
  syncStep2Update,
  type ClientMessage,
} from '../../../shared/protocol/codec';
import type { Fanout, FanoutMessage } from '../fanout/fanout';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics/metrics';
import { addsStructs } from './adds-structs';
import type { CommitEntry, CommitListener, Committer } from './committer';
import { isIntegrableAppend } from './integrable-update';
import { FANOUT_ORIGIN, STORAGE_ORIGIN, isChangeOrigin, type ChangeOrigin } from './origins';
import { RoomPresence } from './room-presence';
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
  /** Another instance deleted the document (a `deleted` fan-out message). */
  onDeletedElsewhere?(room: Room): void;
}

export class RoomClosedError extends Error {
  override name = 'RoomClosedError';
}

/**
 * Largest update the keystroke path takes (see commitBeforeApply). Checking an update decodes it in full, which for
 * a large paste costs about what applying it first would: those take the general path.
 */
const MAX_KEYSTROKE_UPDATE_BYTES = 16 * 1024;

/** How long a loaded room may hold its stored update unapplied when no client asks for it first (see loadStored). */
const STORED_APPLY_DELAY_MS = 250;

export class Room implements CommitListener {
  private readonly ydoc = new Y.Doc();
  /**
   * A compacted stored state not applied yet (see loadStored), with its state vector. Applied by the first use of
   * `doc`, right after the first reply made from it, or STORED_APPLY_DELAY_MS after the load, whichever comes first.
   */
  private storedToApply: { update: Uint8Array; stateVector: Uint8Array } | null = null;
  readonly presence: RoomPresence;
  readonly sessions = new Set<Session>();
  /**
   * The same sessions in join order, for the loops on the keystroke path: looping over an array allocates nothing,
   * where a Set's iterator allocates an entry per session. Replaced, never changed in place, so a loop that a leave
   * interrupts goes on over the sessions it started with.
   */
  private peers: readonly Session[] = [];
  /** Sessions owed a durable ack (see flushed), each once. */
  private acksOwed: Session[] = [];
  /** Estimated encoded size of the document: stored bytes plus every update applied since. */
  bytes = 0;
  /** ms since epoch of the last local change (session or admin), for automatic versions. */
  lastChangeAt = 0;
  closed = false;
  private uncommitted = 0;
  /**
   * The document in memory may lack part of what is stored: a stored update failed to apply at load, or a committed
   * keystroke failed to apply (see commitBeforeApply).
   */
  private mayLackStoredRows = false;
  private deferred: Array<{ session: Session; stateVector: Uint8Array }> = [];
  /** Catch-up requests of other instances, held (like `deferred`) until nothing of this room is uncommitted. */
  private deferredCatchUps: FanoutMessage[] = [];
  private committedSinceFlush = 0;
  /** While a frame of exactly one message is handled: its update may commit (and broadcast) at once. */
  private isSoleMessage = false;
  /** While a session's update is applied on the general path, and the commit entry Yjs's report of it made. */
  private isApplyingPeerUpdate = false;
  private peerUpdateEntry: CommitEntry | null = null;
  /** While a frame holding exactly one update message is handled: that frame, the same bytes a peer needs. */
  private soleUpdateFrame: Uint8Array | null = null;
  /** Told every peer update this room applies, as it came (see watchPeerUpdates). */
  private readonly peerUpdateWatchers = new Set<(update: Uint8Array) => void>();
  /**
   * SyncStep2 for a client that has nothing (the common cold-load case), kept until the document changes, so
   * a crowd joining a large document costs one encoding. Exports read the state from it too (see encodedState).
   */
  private fullStateFrame: Uint8Array | null = null;

  constructor(
    readonly name: string,
    private readonly deps: RoomDeps,
  ) {
    this.presence = new RoomPresence(this.ydoc, {
      doc: name,
      fanout: deps.fanout,
      metrics: deps.metrics,
      maxAwarenessBytes: deps.limits.maxAwarenessBytes,
      broadcast: (frame) => this.broadcast(frame, null, 'awareness'),
      reject: (session, code, reason) => this.reject(session, code, reason),
    });
    this.ydoc.on('update', this.onDocUpdate);
  }

  /** The document, with everything stored in it. */
  get doc(): Y.Doc {
    if (this.storedToApply !== null) this.applyStored();
    return this.ydoc;
  }

  /**
   * Takes the stored updates without re-storing or broadcasting them. A compacted log is one update holding the whole
   * document: it is the answer to a fresh client as it is, and its state vector is the server's SyncStep1, so the
   * first client of a large document gets both without waiting for Yjs to apply it (a third of a cold load of the
   * 260,000-edit trace). It is applied once that reply is sent, and before anything else reads or changes the document.
   */
  loadStored(updates: readonly Uint8Array[], bytes: number): void {
    this.bytes = bytes;
    if (updates.length === 1) {
      const update = updates[0]!;
      this.fullStateFrame = encodeSyncStep2(update);
      this.storedToApply = { update, stateVector: Y.encodeStateVectorFromUpdate(update) };
      // Normally applied once the first client has its reply (sendSyncStep2); this covers a load nobody asks about.
      setTimeout(this.applyStoredNow, STORED_APPLY_DELAY_MS).unref();
      return;
    }
    this.applyStoredUpdates(updates);
  }

  private readonly applyStoredNow = (): void => {
    if (this.storedToApply !== null && !this.closed) this.applyStored();
  };

  private applyStored(): void {
    const { update } = this.storedToApply!;
    this.storedToApply = null;
    this.applyStoredUpdates([update]);
  }

  private applyStoredUpdates(updates: readonly Uint8Array[]): void {
    Y.transact(this.ydoc, () => {
      for (const update of updates) {
        try {
          Y.applyUpdate(this.ydoc, update, STORAGE_ORIGIN);
        } catch (error) {
          // Nothing that fails to apply is stored on purpose; should a row fail anyway, the document still opens
          // with everything else (and what Yjs integrated of that row), instead of refusing every connection.
          this.mayLackStoredRows = true;
          this.deps.metrics.internalErrors.inc({ where: 'load-update' });
          this.deps.logger.error({ err: error, doc: this.name, bytes: update.byteLength }, 'a stored update did not apply; skipped it');
        }
      }
    }, STORAGE_ORIGIN);
  }

  /** The document's state vector, read from the stored update while that is not applied yet. */
  private stateVector(): Uint8Array {
    return this.storedToApply?.stateVector ?? Y.encodeStateVector(this.ydoc);
  }

  /**
   * The whole document as one update, to replace its stored log with (see Registry.compact); null when the document
   * in memory may not hold every stored row, holds changes not committed yet, or holds back content it cannot
   * integrate yet (Yjs would encode that too, and this room drops it: see dropPendingFrom).
   */
  stateToCompact(): Uint8Array | null {
    if (this.closed || this.uncommitted > 0) return null;
    const doc = this.doc; // applies a stored update still waiting, which may fail and set mayLackStoredRows
    if (this.mayLackStoredRows || pendingBytes(doc) > 0) return null;
    return Y.encodeStateAsUpdate(doc);
  }

  /**
   * The whole document as one update (what an export renders), without encoding it again while it has not changed:
   * a view into the cached full-state reply. Encoding a 10,000-paragraph document takes the event loop 35 to 80 ms.
   */
  encodedState(): Uint8Array {
    return syncStep2Update(this.fullState());
  }

  private fullState(): Uint8Array {
    this.fullStateFrame ??= encodeSyncStep2(Y.encodeStateAsUpdate(this.doc));
    return this.fullStateFrame;
  }

  /** Applies a change made by the server itself (seed, import, restore): committed and broadcast like any other. */
  applyServerUpdate(update: Uint8Array, origin: ChangeOrigin): void {
    Y.applyUpdate(this.doc, update, origin);
  }

  join(session: Session): void {
    if (this.closed) throw new RoomClosedError(`room ${this.name} is closed`);
    this.sessions.add(session);
    this.peers = [...this.peers, session];
    this.send(session, encodeSyncStep1(this.stateVector()));
    const everyone = this.presence.everyoneFrame();
    if (everyone) this.send(session, everyone);
    if (session.identity.role === 'viewer') this.tellReadOnly(session);
  }

  leave(session: Session): void {
    if (!this.sessions.delete(session)) return;
    this.peers = this.peers.filter((peer) => peer !== session);
    this.deferred = this.deferred.filter((d) => d.session !== session);
    this.presence.removeSession(session);
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
        this.presence.applyFromSession(session, message.update);
        break;
      case 'query-awareness': {
        const everyone = this.presence.everyoneFrame();
        if (everyone) this.send(session, everyone);
        break;
      }
    }
  }

  /**
   * Calls `watcher` with every update from a peer (a session, another instance) once this room has applied it, as the
   * peer sent it: unlike the document's own 'update' event, which re-encodes what integrated (an insert into a
   * deleted block comes out deleted), these bytes still say what the peer meant. Returns the unsubscribe.
   */
  watchPeerUpdates(watcher: (update: Uint8Array) => void): () => void {
    this.peerUpdateWatchers.add(watcher);
    return () => this.peerUpdateWatchers.delete(watcher);
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
    this.storedToApply = null;
    this.ydoc.off('update', this.onDocUpdate);
    this.presence.destroy();
    this.ydoc.destroy();
  }

  // --- fan-out from other instances -------------------------------------------------------------------------

  readonly onFanout = (_doc: string, message: FanoutMessage): void => {
    if (this.closed) return;
    const { fanout, logger } = this.deps;
    try {
      switch (message.kind) {
        case 'update':
          Y.applyUpdate(this.doc, message.payload, FANOUT_ORIGIN);
          this.tellPeerUpdateWatchers(message.payload);
          break;
        case 'awareness':
          this.presence.applyFromInstance(message.payload, message.from);
          break;
        case 'sync-request':
          if (message.to !== undefined && message.to !== fanout.instanceId) return;
          // Like a client's SyncStep1: a reply must not carry what a crash here could still lose, so it waits
          // for this room's pending commits.
          if (this.uncommitted > 0) this.deferredCatchUps.push(message);
          else this.answerCatchUp(message);
          break;
        case 'sync-reply':
          if (message.to !== fanout.instanceId) return;
          Y.applyUpdate(this.doc, message.payload, FANOUT_ORIGIN);
          this.tellPeerUpdateWatchers(message.payload);
          break;
        case 'deleted':
          this.deps.onDeletedElsewhere?.(this);
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
      const presence = this.presence.localUpdate();
      if (presence) fanout.publish(this.name, { kind: 'awareness', to: request.from, payload: presence });
    }
  }

  /** Asks the other instances for what this room lacks (and offers what it has, presence included). */
  requestCatchUp(): void {
    this.deps.fanout.publish(this.name, { kind: 'sync-request', payload: this.stateVector() });
    // After an outage, peers may have expired our users (our liveness key lapsed): announce them again.
    const presence = this.presence.localUpdate();
    if (presence) this.deps.fanout.publish(this.name, { kind: 'awareness', payload: presence });
  }

  /** Removes the presence announced by instances not in `alive` (they died without saying goodbye). */
  expireRemotePresence(alive: ReadonlySet<string>): void {
    if (!this.closed) this.presence.expireRemote(alive);
  }

  // --- commit results --------------------------------------------------------------------------------------

  committed(entry: CommitEntry): void {
    this.uncommitted--;
    this.committedSinceFlush++;
    const origin = entry.origin as ChangeOrigin;
    const sender = origin.kind === 'session' ? origin.session : null;
    this.broadcast(entry.frame, sender);
    this.deps.fanout.publish(this.name, { kind: 'update', payload: entry.relayed ?? entry.update });
    if (sender?.wantsAck && !sender.ackOwed) {
      sender.ackOwed = true;
      this.acksOwed.push(sender);
    }
  }

  flushed(): void {
    const rows = this.committedSinceFlush;
    this.committedSinceFlush = 0;
    // Acks and deferred sync replies go out only when nothing of this room is still uncommitted, so a state
    // vector or a SyncStep2 never covers an update that a crash could still lose.
    if (this.uncommitted === 0 && !this.closed) {
      if (this.deferred.length > 0 || this.deferredCatchUps.length > 0) this.answerDeferred();
      if (this.acksOwed.length > 0) this.sendAcks();
    }
    this.deps.onCommitted(this, rows);
  }

  // --- internals -------------------------------------------------------------------------------------------

  /** Answers the sync requests and catch-up requests held while updates of this room were uncommitted. */
  private answerDeferred(): void {
    const deferred = this.deferred;
    this.deferred = [];
    for (const { session, stateVector } of deferred) this.sendSyncStep2(session, stateVector);
    const catchUps = this.deferredCatchUps;
    this.deferredCatchUps = [];
    for (const request of catchUps) this.answerCatchUp(request);
  }

  /** Tells every session owed an ack the state vector that now covers its committed updates. */
  private sendAcks(): void {
    const owed = this.acksOwed;
    this.acksOwed = [];
    const ack = encodeAck(Y.encodeStateVector(this.doc));
    for (const session of owed) {
      session.ackOwed = false;
      if (this.sessions.has(session)) this.send(session, ack);
    }
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === STORAGE_ORIGIN) return;
    this.noteChange(update.byteLength);
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
    const entry: CommitEntry = { doc: this.name, update, frame, origin, listener: this };
    if (this.isApplyingPeerUpdate) this.peerUpdateEntry = entry;
    this.deps.committer.enqueue(entry, this.isSoleMessage);
  };

  /** The document grew by an update of `bytes`: the size estimate follows, the cached full-state reply is stale. */
  private noteChange(bytes: number): void {
    this.fullStateFrame = null;
    this.bytes += bytes;
  }

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
    this.send(session, this.fullState());
    // The stored update went out as it is: the server's copy is built after the send, not before it.
    if (this.storedToApply !== null) setImmediate(this.applyStoredNow);
  }

  private applyClientUpdate(session: Session, update: Uint8Array): void {
    if (isEmptyUpdate(update)) return;
    if (session.identity.role === 'viewer') {
      this.deps.metrics.rejected.inc({ reason: 'viewer_update' });
      this.tellReadOnly(session);
      return;
    }
    // What Yjs holds back (see dropPendingFrom) takes memory and goes out to joiners, so it counts too. Past the
    // estimate, only an update that adds content is refused: deletions (making room) and a reconnecting client's
    // SyncStep2 (its whole delete set, nothing new) would otherwise lock people out of a document near its limit.
    if (this.bytes + pendingBytes(this.doc) + update.byteLength > this.deps.limits.maxDocBytes && addsStructs(update, this.doc)) {
      return this.reject(session, CloseCode.DocumentTooLarge, 'document size limit reached');
    }
    const hadPending = pendingBytes(this.doc) > 0;
    if (!hadPending && this.soleUpdateFrame !== null && this.commitBeforeApply(session, update, this.soleUpdateFrame)) return;
    try {
      // Yjs reads every struct before it integrates any, so a malformed update fails before anything changes. One
      // that fails later (in its delete set) keeps its integrated part, which is a valid update and committed.
      // Updates whose claimed struct counts applyUpdate cannot be trusted with are decoded in full first.
      if (!canApplyDirectly(update)) Y.decodeUpdate(update);
      this.isApplyingPeerUpdate = true;
      Y.applyUpdate(this.doc, update, session.origin);
      // With structs held back before, Yjs's report may hold those too: it goes out as it is.
      if (!hadPending) this.relayAsSent(update);
      this.tellPeerUpdateWatchers(update);
    } catch {
      this.reject(session, CloseCode.ProtocolViolation, 'update does not decode');
    } finally {
      this.isApplyingPeerUpdate = false;
      this.peerUpdateEntry = null;
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
    // Committed and broadcast already, so nothing listens while it is applied: Yjs then skips encoding the change
    // for an 'update' event, a third of the apply's work.
    this.doc.off('update', this.onDocUpdate);
    try {
      Y.applyUpdate(this.doc, update, session.origin);
    } catch (error) {
      // isIntegrableAppend admitted it, so Yjs failing here is a bug: stored and sent, the update is not in memory.
      this.mayLackStoredRows = true;
      this.deps.metrics.internalErrors.inc({ where: 'apply-committed' });
      this.deps.logger.error({ err: error, doc: this.name, session: session.id }, 'a committed update did not apply');
      this.reject(session, CloseCode.InternalError, 'unexpected server error');
    } finally {
      this.doc.on('update', this.onDocUpdate);
    }
    this.noteChange(update.byteLength);
    this.lastChangeAt = Date.now();
    this.flushed();
    this.tellPeerUpdateWatchers(update);
    return true;
  }

  /**
   * The other instances get a peer's update as the peer sent it, once all of it has integrated (nothing held back,
   * nothing refused): what Yjs reports is what changed here, and an insert into a block deleted meanwhile comes out
   * deleted, where the sent bytes still say what was typed, for the watch of edits crossing a replacement on the
   * instance that made it (see watchPeerUpdates). Applied there, both change the document the same way. Only while
   * the entry waits for its commit (an asynchronous store): committed at once, it has gone out as Yjs reported it.
   */
  private relayAsSent(update: Uint8Array): void {
    if (this.peerUpdateEntry !== null && pendingBytes(this.ydoc) === 0) this.peerUpdateEntry.relayed = update;
  }

  private tellPeerUpdateWatchers(update: Uint8Array): void {
    if (this.peerUpdateWatchers.size === 0) return;
    for (const watcher of this.peerUpdateWatchers) watcher(update);
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

  private broadcast(frame: Uint8Array, except: Session | null, type: 'update' | 'awareness' = 'update'): void {
    let peers = 0;
    const sessions = this.peers;
    for (let i = 0; i < sessions.length; i++) {
      const session = sessions[i]!;
      if (session === except) continue;
      // A session closed during this loop (a slow reader) is skipped from then on.
      if (this.peers !== sessions && !this.sessions.has(session)) continue;
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
