// One client connection inside a room: who it is, what it may do, which awareness ids it introduced, and its
// rate limits. Knows nothing about the transport beyond PeerSocket.
import type { ChangeOrigin } from './origins';
import type { PeerSocket } from './peer-socket';
import { TokenBucket } from './token-bucket';

export type Role = 'editor' | 'viewer';

export interface SessionIdentity {
  userId: string | null;
  /** Display name from the token; when set, the server stamps it into the session's awareness state. */
  name: string | null;
  role: Role;
}

export interface SessionLimits {
  rateMessages: number;
  rateBytes: number;
}

let nextSessionId = 1;

export class Session {
  readonly id = nextSessionId++;
  /** The Yjs transaction origin for this session's changes (allocated once). */
  readonly origin: ChangeOrigin = { kind: 'session', session: this };
  /** Awareness client ids this connection introduced; it may only set or remove these. */
  readonly awarenessIds = new Set<number>();
  /** Times this connection tried to touch someone else's awareness or sent an oversized state. */
  awarenessStrikes = 0;
  /** Set when one of this session's updates was committed and an ack is owed. */
  ackOwed = false;
  /** True once the viewer was told its updates are dropped (told once). */
  toldReadOnly = false;
  private readonly messageBucket: TokenBucket;
  private readonly byteBucket: TokenBucket;
  /** What the connection asks the server to send (SyncStep1 replies), on the same byte rate as what it sends. */
  private readonly syncBucket: TokenBucket;
  private readonly burstBytes: number;

  constructor(
    readonly socket: PeerSocket,
    readonly identity: SessionIdentity,
    readonly wantsAck: boolean,
    limits: SessionLimits,
  ) {
    this.messageBucket = new TokenBucket(limits.rateMessages, limits.rateMessages * 5);
    this.byteBucket = new TokenBucket(limits.rateBytes, limits.rateBytes * 5);
    this.burstBytes = limits.rateBytes * 5;
    this.syncBucket = new TokenBucket(limits.rateBytes, this.burstBytes);
  }

  /** Charges one frame of `bytes` against the rate limits; false means over the limit. */
  admit(bytes: number): boolean {
    const now = performance.now();
    return this.messageBucket.take(1, now) && this.byteBucket.take(bytes, now);
  }

  /** Charges the messages a frame carried beyond its first (the limit is per message, not per frame). */
  admitPacked(extraMessages: number): boolean {
    return extraMessages <= 0 || this.messageBucket.take(extraMessages);
  }

  /**
   * Charges a SyncStep1 by the size of the document it asks for: a four-byte request costs a whole-document reply.
   * At most one burst is charged, so a client's first request passes for a document of any size.
   */
  admitSyncRequest(documentBytes: number): boolean {
    return this.syncBucket.take(Math.min(documentBytes, this.burstBytes));
  }
}
