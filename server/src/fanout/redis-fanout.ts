// Fan-out over Redis pub/sub: a channel per doc, one publisher and one subscriber connection, binary frames that
// carry the sender's instance id so each instance drops its own echo. Pub/sub is at-most-once: the store stays the
// source of truth, and after an outage rooms reconcile through onReconnect. Never throws into the hot path.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../logger';
import { NOT_QUIET, type Fanout, type FanoutHandler, type FanoutKind, type FanoutMessage, type QuietRead } from './fanout';

/** Where a counted failure happened; a bounded set, fit for a metric label. */
export type FanoutErrorSource = 'connection' | 'publish' | 'subscribe' | 'heartbeat' | 'decode' | 'handler' | 'lock';

export interface RedisFanoutOptions {
  url: string;
  /** `A-Z a-z 0-9 . _ : -`, at most 128 characters. Default: a random UUID. */
  instanceId?: string;
  logger?: Pick<Logger, 'info' | 'warn'>;
  /** Every failure, for metrics. Logging is separate: at most one warning per source per outage. */
  onError?: (source: FanoutErrorSource, error: Error) => void;
  /** Prefix of channels and keys (`<prefix>:doc:<name>`, `<prefix>:instance:<id>`, `<prefix>:lock:<name>`). Default `tandem`. */
  prefix?: string;
  /** How often this instance renews its liveness key. Default 5000. */
  heartbeatMs?: number;
  /** How long the liveness key outlives the last renewal. Default 15000. */
  instanceTtlMs?: number;
  /** Longest wait between reconnection attempts. Default 2000. */
  maxRetryDelayMs?: number;
}

const KINDS: readonly FanoutKind[] = ['update', 'awareness', 'sync-request', 'sync-reply', 'deleted'];
const KIND_CODES = new Map(KINDS.map((kind, code) => [kind, code]));
const NAME = /^[A-Za-z0-9._:-]{1,128}$/;
const NO_BYTES = Buffer.alloc(0);

/** How long a document lock outlives its holder's last renewal (renewed every third of it while the section runs). */
const LOCK_TTL_MS = 30_000;
/** How long exclusive() waits for another instance's lock before giving up. */
const LOCK_WAIT_MS = 120_000;
const LOCK_RETRY_MS = 100;
/** Deletes KEYS[1] if it still holds ARGV[1]: a lock that expired and went to another instance is not ours to free. */
const RELEASE_LOCK = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
/**
 * Takes the lock KEYS[1] for ARGV[1] (expiring after ARGV[2] ms) unless it is taken, and then counts one more
 * section of the document in KEYS[2] (kept ARGV[3] ms), in one step: see whenQuiet.
 */
const TAKE_LOCK = `if redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then
  redis.call('incr', KEYS[2])
  redis.call('pexpire', KEYS[2], ARGV[3])
  return 1
end
return 0`;
/** Whether the lock KEYS[1] is taken, and the count of sections KEYS[2] ('' before the first). */
const SECTION_STATE = "return { redis.call('exists', KEYS[1]), redis.call('get', KEYS[2]) or '' }";
/** How long a document's count of sections is kept after its last section began (a day: longer than any check). */
const SECTION_COUNT_TTL_MS = 86_400_000;
/** Extends KEYS[1] to ARGV[2] ms if it still holds ARGV[1]. */
const RENEW_LOCK = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

export class RedisFanout implements Fanout {
  readonly instanceId: string;
  readonly #fromBytes: Buffer;
  readonly #pub: Redis;
  readonly #sub: Redis;
  readonly #handlers = new Map<string, FanoutHandler>();
  readonly #reconnectListeners: Array<() => void> = [];
  readonly #channelPrefix: string;
  readonly #instanceKey: string;
  readonly #instancePrefix: string;
  readonly #lockPrefix: string;
  readonly #sectionsPrefix: string;
  readonly #instanceTtlMs: number;
  readonly #heartbeat: NodeJS.Timeout;
  readonly #logger: Pick<Logger, 'info' | 'warn'> | undefined;
  readonly #onError: (source: FanoutErrorSource, error: Error) => void;
  /** Sources already logged during the current outage; cleared when the bus is healthy again. */
  readonly #warned = new Set<FanoutErrorSource>();
  /** Bumped on every subscriber (re)connection and close, so a stale resubscription cannot mark a newer one done. */
  #subGeneration = 0;
  #isSubscribed = false;
  #isHealthy = false;
  #hasBeenHealthy = false;
  #isClosed = false;

  /** @throws Error when `instanceId` or `prefix` has characters outside `A-Z a-z 0-9 . _ : -`. */
  constructor(options: RedisFanoutOptions) {
    this.instanceId = options.instanceId ?? randomUUID();
    const prefix = options.prefix ?? 'tandem';
    for (const [what, value] of [['instanceId', this.instanceId], ['prefix', prefix]] as const) {
      if (!NAME.test(value)) throw new Error(`invalid fan-out ${what} ${JSON.stringify(value)}: use [A-Za-z0-9._:-]{1,128}`);
    }
    this.#fromBytes = Buffer.from(this.instanceId, 'utf8');
    this.#channelPrefix = `${prefix}:doc:`;
    this.#instancePrefix = `${prefix}:instance:`;
    this.#instanceKey = this.#instancePrefix + this.instanceId;
    this.#lockPrefix = `${prefix}:lock:`;
    this.#sectionsPrefix = `${prefix}:sections:`;
    this.#instanceTtlMs = options.instanceTtlMs ?? 15_000;
    this.#logger = options.logger;
    this.#onError = options.onError ?? (() => {});

    const maxRetryDelayMs = options.maxRetryDelayMs ?? 2_000;
    const connection = (role: 'pub' | 'sub') => ({
      connectionName: `tandem:${this.instanceId}:${role}`,
      // No offline queue: while Redis is down a command fails at once instead of piling up in memory. With no
      // retries and no resend, a command in flight when the connection drops fails too, rather than hanging.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      // Resubscription is ours (see #resubscribe), so it is done before onReconnect listeners run.
      autoResubscribe: false,
      commandTimeout: 5_000,
      retryStrategy: (attempt: number) => Math.min(50 * 2 ** Math.min(attempt, 10), maxRetryDelayMs) + Math.random() * 50,
    });
    this.#pub = new Redis(options.url, connection('pub'));
    this.#sub = new Redis(options.url, connection('sub'));

    this.#pub.on('ready', () => {
      this.#beat();
      this.#updateHealth();
    });
    this.#pub.on('close', () => this.#updateHealth());
    this.#sub.on('ready', () => void this.#resubscribe());
    this.#sub.on('close', () => {
      this.#subGeneration++;
      this.#isSubscribed = false;
      this.#updateHealth();
    });
    for (const client of [this.#pub, this.#sub]) client.on('error', (error: Error) => this.#report('connection', error));
    this.#sub.on('messageBuffer', (channel: Buffer, frame: Buffer) => this.#receive(channel, frame));
    this.#heartbeat = setInterval(() => this.#beat(), options.heartbeatMs ?? 5_000).unref();
  }

  /** One handler per doc; a second subscribe replaces it. Resolves without waiting while Redis is down. */
  async subscribe(doc: string, handler: FanoutHandler): Promise<void> {
    if (this.#isClosed) throw new Error('fan-out is closed');
    const isNew = !this.#handlers.has(doc);
    this.#handlers.set(doc, handler);
    // While disconnected, the next 'ready' subscribes every doc in #handlers; waiting here would stall room opens.
    if (!isNew || this.#sub.status !== 'ready') return;
    try {
      await this.#sub.subscribe(this.#channelPrefix + doc);
    } catch (error) {
      this.#report('subscribe', asError(error)); // the connection dropped: its 'ready' resubscribes this doc
    }
  }

  async unsubscribe(doc: string): Promise<void> {
    if (!this.#handlers.delete(doc) || this.#sub.status !== 'ready') return;
    try {
      await this.#sub.unsubscribe(this.#channelPrefix + doc);
    } catch (error) {
      // Harmless: messages for a doc without a handler are dropped, and a new connection never resubscribes it.
      this.#report('subscribe', asError(error));
    }
  }

  publish(doc: string, message: Omit<FanoutMessage, 'from'>): void {
    if (this.#isClosed) return;
    if (this.#pub.status !== 'ready') {
      this.#report('publish', new Error(`redis publisher is ${this.#pub.status}`));
      return;
    }
    const frame = encodeFrame(message, this.#fromBytes);
    if (!frame) {
      this.#report('publish', new Error('fan-out message `to` is longer than 255 bytes'));
      return;
    }
    this.#pub.publish(this.#channelPrefix + doc, frame).catch((error: unknown) => this.#report('publish', asError(error)));
  }

  /** True while both connections are up and every doc is subscribed. */
  healthy(): boolean {
    return this.#isHealthy;
  }

  /** Called after the bus recovers from an outage, once every doc is subscribed again. */
  onReconnect(listener: () => void): void {
    this.#reconnectListeners.push(listener);
  }

  /**
   * Instance ids whose liveness key has not expired (each instance renews it every `heartbeatMs`), for expiring
   * the presence of instances that died without saying goodbye.
   * @throws Error while Redis is unreachable: the caller cannot tell who is alive and must not expire anyone.
   */
  async aliveInstances(): Promise<Set<string>> {
    const alive = new Set<string>();
    let cursor = '0';
    do {
      const [next, keys] = await this.#pub.scan(cursor, 'MATCH', `${this.#instancePrefix}*`, 'COUNT', 1000);
      for (const key of keys) alive.add(key.slice(this.#instancePrefix.length));
      cursor = next;
    } while (cursor !== '0');
    return alive;
  }

  /**
   * A lock per document in Redis (SET NX with an expiry, renewed while `run` runs, freed only by its holder). Once
   * it is ours, a PING on the subscriber connection returns after every message Redis sent it before: the holder
   * before us published its last changes before freeing the lock, so they have reached this instance's rooms.
   */
  async exclusive<T>(doc: string, run: () => Promise<T>): Promise<T> {
    const key = this.#lockPrefix + doc;
    const token = `${this.instanceId}:${randomUUID()}`;
    const deadline = Date.now() + LOCK_WAIT_MS;
    const takeLock = () => this.#pub.eval(TAKE_LOCK, 2, key, this.#sectionsPrefix + doc, token, LOCK_TTL_MS, SECTION_COUNT_TTL_MS);
    while ((await takeLock()) !== 1) {
      if (Date.now() >= deadline) throw new Error(`document ${doc} stayed locked by another instance for ${LOCK_WAIT_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
    }
    const renewal = setInterval(() => {
      this.#pub.eval(RENEW_LOCK, 1, key, token, LOCK_TTL_MS).catch((error: unknown) => this.#report('lock', asError(error)));
    }, LOCK_TTL_MS / 3);
    try {
      await this.#sub.ping();
      return await run();
    } finally {
      clearInterval(renewal);
      // Unfreed (Redis unreachable), the lock expires after LOCK_TTL_MS.
      await this.#pub.eval(RELEASE_LOCK, 1, key, token).catch((error: unknown) => this.#report('lock', asError(error)));
    }
  }

  /**
   * The lock of `doc` is free; a PING on the subscriber connection then returns after whatever Redis sent it before
   * (a section that ended published its last pieces before freeing the lock), and `read` runs at once. Then the lock
   * must still be free and no section have begun since the first look (each one counts itself as it takes the lock):
   * a section that began in between may have put pieces into the room before `read`, so its result is dropped. One
   * that begins later publishes after that last look, which Redis answered after `read` had run.
   */
  async whenQuiet<T>(doc: string, read: () => T): Promise<QuietRead<T>> {
    const keys = [this.#lockPrefix + doc, this.#sectionsPrefix + doc] as const;
    const sectionState = async () => (await this.#pub.eval(SECTION_STATE, 2, ...keys)) as [number, string];
    const [isLocked, sectionsBefore] = await sectionState();
    if (isLocked === 1) return NOT_QUIET;
    await this.#sub.ping();
    const value = read();
    const [isLockedAfter, sectionsAfter] = await sectionState();
    return isLockedAfter === 1 || sectionsAfter !== sectionsBefore ? NOT_QUIET : { isQuiet: true, value };
  }

  async close(): Promise<void> {
    if (this.#isClosed) return;
    this.#isClosed = true;
    clearInterval(this.#heartbeat);
    this.#handlers.clear();
    this.#reconnectListeners.length = 0;
    this.#updateHealth();
    // Say goodbye, so peers drop this instance's presence now rather than after the TTL.
    if (this.#pub.status === 'ready') {
      // A failed goodbye is counted only: the key expires after instanceTtlMs anyway.
      await this.#pub.del(this.#instanceKey).catch((error: unknown) => this.#onError('heartbeat', asError(error)));
    }
    await Promise.all([quit(this.#pub), quit(this.#sub)]);
  }

  async #resubscribe(): Promise<void> {
    const generation = ++this.#subGeneration;
    const channels = [...this.#handlers.keys()].map((doc) => this.#channelPrefix + doc);
    try {
      if (channels.length > 0) await this.#sub.subscribe(...channels);
    } catch (error) {
      this.#report('subscribe', asError(error)); // the connection dropped again; its next 'ready' retries
      return;
    }
    // Re-check after the await: the connection may have closed, or reconnected and started a newer round.
    if (generation !== this.#subGeneration || this.#sub.status !== 'ready') return;
    this.#isSubscribed = true;
    this.#updateHealth();
  }

  #updateHealth(): void {
    const isHealthy = !this.#isClosed && this.#pub.status === 'ready' && this.#isSubscribed;
    if (isHealthy === this.#isHealthy) return;
    this.#isHealthy = isHealthy;
    if (!isHealthy) {
      if (!this.#isClosed) this.#logger?.warn({ instanceId: this.instanceId }, 'redis fan-out down; instances drift until it returns');
      return;
    }
    this.#warned.clear();
    // The first connection is a recovery too when rooms subscribed before it: they missed traffic meanwhile.
    const isRecovery = this.#hasBeenHealthy || this.#handlers.size > 0;
    this.#hasBeenHealthy = true;
    if (!isRecovery) return;
    this.#logger?.info({ instanceId: this.instanceId, docs: this.#handlers.size }, 'redis fan-out reconnected');
    for (const listener of this.#reconnectListeners) {
      try {
        listener();
      } catch (error) {
        this.#report('handler', asError(error)); // one room's failure must not keep the others from catching up
      }
    }
  }

  #receive(channel: Buffer, frame: Buffer): void {
    const doc = channel.toString('utf8').slice(this.#channelPrefix.length);
    const handler = this.#handlers.get(doc);
    if (!handler) return; // unsubscribed while the message was on its way
    const message = decodeFrame(frame);
    if (!message) {
      this.#report('decode', new Error(`malformed fan-out frame of ${frame.byteLength} bytes`));
      return;
    }
    if (message.from === this.instanceId) return; // our own publish, echoed back by Redis
    if (message.to !== undefined && message.to !== this.instanceId) return; // a reply meant for another instance
    try {
      handler(doc, message);
    } catch (error) {
      this.#report('handler', asError(error)); // a throw would unwind into ioredis's reply parser
    }
  }

  #beat(): void {
    if (this.#isClosed || this.#pub.status !== 'ready') return;
    this.#pub
      .set(this.#instanceKey, '1', 'PX', this.#instanceTtlMs)
      .catch((error: unknown) => this.#report('heartbeat', asError(error)));
  }

  #report(source: FanoutErrorSource, error: Error): void {
    if (this.#isClosed) return; // connections ending under close() are the goal, not a failure
    this.#onError(source, error);
    if (this.#warned.has(source)) return;
    this.#warned.add(source);
    const reason = networkFailureReason(error);
    // A network failure is said in one line (its stack trace is ioredis's, not a clue); anything else in full.
    const cause = reason === null ? { err: error } : { reason };
    this.#logger?.warn({ ...cause, source, instanceId: this.instanceId }, 'redis fan-out failure (further ones counted, not logged)');
  }
}

/**
 * What a failed connection says (ECONNREFUSED, ETIMEDOUT…), or null for any other error. Node reports a host with
 * both an IPv6 and an IPv4 address (localhost) as an AggregateError with an empty message and one error per address.
 */
function networkFailureReason(error: Error): string | null {
  const { syscall, code } = error as { syscall?: unknown; code?: unknown };
  if (error instanceof AggregateError) {
    return error.message || error.errors.map((each: unknown) => (each as Error).message).join('; ') || String(code);
  }
  return typeof syscall === 'string' ? error.message || String(code) : null;
}

/**
 * frame := kind:uint8 • fromLength:uint8 • from:utf8 • toLength:uint8 • to:utf8 • payload
 * toLength 0 means no `to`. Returns null when `to` does not fit in 255 bytes.
 */
function encodeFrame(message: Omit<FanoutMessage, 'from'>, from: Buffer): Buffer | null {
  const to = message.to === undefined ? NO_BYTES : Buffer.from(message.to, 'utf8');
  if (to.byteLength > 255) return null;
  const frame = Buffer.allocUnsafe(3 + from.byteLength + to.byteLength + message.payload.byteLength);
  let offset = frame.writeUInt8(KIND_CODES.get(message.kind)!, 0);
  offset = frame.writeUInt8(from.byteLength, offset);
  offset += from.copy(frame, offset);
  offset = frame.writeUInt8(to.byteLength, offset);
  offset += to.copy(frame, offset);
  frame.set(message.payload, offset);
  return frame;
}

function decodeFrame(frame: Buffer): FanoutMessage | null {
  const kind = KINDS[frame[0] ?? -1];
  const fromLength = frame[1];
  if (kind === undefined || fromLength === undefined || fromLength === 0) return null;
  const toStart = 2 + fromLength;
  const toLength = frame[toStart];
  if (toLength === undefined) return null;
  const payloadStart = toStart + 1 + toLength;
  if (payloadStart > frame.byteLength) return null;
  const message: FanoutMessage = {
    kind,
    from: frame.toString('utf8', 2, toStart),
    payload: new Uint8Array(frame.buffer, frame.byteOffset + payloadStart, frame.byteLength - payloadStart),
  };
  if (toLength > 0) message.to = frame.toString('utf8', toStart + 1, payloadStart);
  return message;
}

async function quit(client: Redis): Promise<void> {
  if (client.status === 'ready') {
    // QUIT lets Redis finish what was already sent. If it fails the connection is gone already, which is the goal,
    // and disconnect() below stops any reconnection.
    await client.quit().catch(() => undefined);
  }
  client.disconnect();
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
