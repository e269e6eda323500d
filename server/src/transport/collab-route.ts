// The /collab/<doc> WebSocket endpoint: the only code that sees Hono's and ws's sockets. Checks the name and the
// Origin before the upgrade, then the token, then opens the room and adapts the socket to a PeerSocket.
import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { UpgradeWebSocket, WSContext } from 'hono/ws';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket as RawWebSocket, RawData } from 'ws';
import { CloseCode } from '../../../shared/close-codes';
import { parseDocName } from '../../../shared/doc-name';
import type { TokenVerifier } from '../auth/tokens';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics/metrics';
import type { PeerSocket } from '../rooms/peer-socket';
import { RoomClosedError, type Room } from '../rooms/room';
import { DocumentDeletedError, type RoomRegistry } from '../rooms/registry';
import { Session, type SessionIdentity } from '../rooms/session';
import { ConnectionLimits } from './connection-limits';
import type { ConnectionSet, KeptAlive } from './connection-set';
import { directSocketOf, WireFrames } from './wire-frames';

export interface CollabRouteDeps {
  config: Config;
  registry: RoomRegistry;
  verifier: TokenVerifier | null;
  isOriginAllowed: (origin: string | undefined, host: string | undefined) => boolean;
  metrics: Metrics;
  logger: Logger;
  upgradeWebSocket: UpgradeWebSocket<RawWebSocket>;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/** Shared send options: the broadcast loop allocates nothing per peer. */
const BINARY = Object.freeze({ binary: true });

const ANONYMOUS: SessionIdentity = Object.freeze({ userId: null, name: null, role: 'editor' as const });

export function registerCollabRoute(app: Hono, deps: CollabRouteDeps, connections: ConnectionSet): void {
  const limits = new ConnectionLimits(deps.config.limits.maxConnectionsPerIp, deps.config.limits.maxConnectionsPerDoc);
  const wireFrames = new WireFrames();
  const upgrade = deps.upgradeWebSocket((c) => {
    const doc = c.req.param('doc') as string;
    const token = c.req.query('token');
    const wantsAck = c.req.query('ack') === '1';
    const incoming = (c.env as { incoming: IncomingMessage }).incoming;
    const ip = incoming.socket.remoteAddress ?? 'unknown';
    return {
      onOpen: (_event: Event, ws: WSContext<RawWebSocket>) => {
        const connection = new Connection(ws.raw as RawWebSocket, doc, ip, deps, limits, connections, wireFrames);
        void connection.start(token, wantsAck);
      },
    };
  });

  const collab: MiddlewareHandler = async (c: Context, next) => {
    const doc = parseDocName(c.req.param('doc') ?? '');
    if (!doc.ok) return c.json({ error: { code: 'bad_request', message: doc.reason } }, 400);
    if (!deps.isOriginAllowed(c.req.header('origin'), c.req.header('host'))) {
      return c.json({ error: { code: 'forbidden', message: 'origin not allowed' } }, 403);
    }
    if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
      return c.json({ error: { code: 'bad_request', message: 'expected a WebSocket upgrade' } }, 400);
    }
    return upgrade(c, next);
  };
  app.get('/collab/:doc', collab);
  app.all('/collab/*', (c) => c.json({ error: { code: 'bad_request', message: 'invalid document name' } }, 400));
}

/** One WebSocket from open to close. Socket callbacks never throw. */
class Connection implements PeerSocket, KeptAlive {
  /** Which keepalive group pings this connection (set by ConnectionSet.add). */
  keepaliveGroup = 0;
  private room: Room | null = null;
  private session: Session | null = null;
  private early: Buffer[] = [];
  private earlyBytes = 0;
  private heardFrom = false;
  private alive = true;
  private closed = false;
  private readonly handshakeTimer: NodeJS.Timeout;
  private expiryTimer: NodeJS.Timeout | null = null;
  private readonly startedAt = performance.now();
  /** The TCP socket that broadcasts write pre-framed bytes to (see wire-frames.ts); null: send through ws. */
  private readonly direct: Duplex | null;

  constructor(
    private readonly ws: RawWebSocket,
    private readonly doc: string,
    private readonly ip: string,
    private readonly deps: CollabRouteDeps,
    private readonly limits: ConnectionLimits,
    private readonly connections: ConnectionSet,
    private readonly wireFrames: WireFrames,
  ) {
    this.direct = directSocketOf(ws);
    ws.on('message', this.onMessage);
    ws.on('pong', () => {
      this.alive = true;
    });
    ws.on('close', this.onClose);
    ws.on('error', this.onError);
    this.handshakeTimer = setTimeout(() => {
      if (!this.heardFrom) this.close(CloseCode.PongTimeout, 'no message within the handshake window');
    }, deps.config.limits.handshakeTimeoutMs);
    this.handshakeTimer.unref();
  }

  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }

  send(data: Uint8Array): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (this.direct) this.direct.write(this.wireFrames.frameOf(data));
    else this.ws.send(data, BINARY);
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.deps.metrics.closes.inc({ code: String(code) });
    try {
      this.ws.close(code, reason.slice(0, 120));
    } catch {
      this.ws.terminate(); // the socket was not in a state to send a close frame; drop it
    }
    // A peer that never answers the close frame must not hold the socket open.
    setTimeout(() => this.ws.terminate(), 5_000).unref();
  }

  keepalive(): void {
    if (!this.alive) {
      this.close(CloseCode.PongTimeout, 'no pong within the keepalive window');
      this.ws.terminate();
      return;
    }
    this.alive = false;
    try {
      this.ws.ping();
    } catch {
      // The socket is closing; the close handler cleans up.
    }
  }

  async start(token: string | undefined, wantsAck: boolean): Promise<void> {
    const { deps } = this;
    if (!this.limits.acquire(this.ip, this.doc)) {
      this.limitsHeld = false;
      this.close(CloseCode.Overloaded, 'too many connections');
      return;
    }
    this.connections.add(this);
    deps.metrics.connections.inc();
    try {
      let identity = ANONYMOUS;
      if (deps.verifier) {
        const check = await deps.verifier.verify(token, this.doc);
        if (!check.ok) {
          this.close(check.reason === 'wrong-doc' ? CloseCode.Forbidden : CloseCode.Unauthorized, `token ${check.reason}`);
          return;
        }
        identity = { userId: check.claims.sub, name: check.claims.name, role: check.claims.role };
        this.closeAtExpiry(check.claims.exp * 1000);
      }
      const session = new Session(this, identity, wantsAck, deps.config.limits);
      const room = await this.joinRoom(session);
      if (!room) return;
      this.room = room;
      this.session = session;
      deps.logger.info({ doc: this.doc, session: session.id, role: identity.role, ms: Math.round(performance.now() - this.startedAt) }, 'connected');
      const early = this.early;
      this.early = [];
      for (const frame of early) room.receive(session, frame);
    } catch (error) {
      if (error instanceof DocumentDeletedError) {
        // A client that still holds the document (a stock one reconnects after 4410) is told again, and nothing is
        // created.
        this.close(CloseCode.DocumentDeleted, 'document deleted');
        return;
      }
      deps.metrics.internalErrors.inc({ where: 'connect' });
      deps.logger.error({ err: error, doc: this.doc }, 'could not open the document');
      this.close(CloseCode.InternalError, 'could not open the document');
    }
  }

  private limitsHeld = true;

  /** A token is checked once, at connect; this ends the connection when it expires, so the client renews it. */
  private closeAtExpiry(expiresAtMs: number): void {
    if (this.closed) return;
    // setTimeout fires at once past 2^31-1 ms (~24.8 days): long-lived tokens re-arm in steps instead.
    const delayMs = Math.min(Math.max(0, expiresAtMs - Date.now()), MAX_TIMER_MS);
    this.expiryTimer = setTimeout(() => {
      if (Date.now() < expiresAtMs) return this.closeAtExpiry(expiresAtMs);
      this.deps.logger.debug({ doc: this.doc, session: this.session?.id }, 'token expired');
      this.close(CloseCode.Unauthorized, 'token expired');
    }, delayMs);
    this.expiryTimer.unref();
  }

  /** Opens the room and joins it; null if this connection closed meanwhile. */
  private async joinRoom(session: Session): Promise<Room | null> {
    // A room can finish unloading between open() resolving and join(); then open again (it reloads from storage).
    for (;;) {
      const room = await this.deps.registry.open(this.doc);
      if (this.closed) return null;
      try {
        room.join(session);
        return room;
      } catch (error) {
        if (!(error instanceof RoomClosedError)) throw error;
      }
    }
  }

  /**
   * ws reports a frame it refuses (over MAX_MESSAGE_BYTES, a bad opcode, invalid UTF-8 in a close reason) here, and
   * closes the connection itself with the fitting code: counted and logged like the closes this server decides.
   */
  private readonly onError = (error: Error & { code?: string }): void => {
    const { logger, metrics } = this.deps;
    if (this.closed || !error.code?.startsWith('WS_ERR_')) {
      logger.debug({ err: error, doc: this.doc }, 'socket error');
      return;
    }
    this.closed = true;
    const code = wsCloseCodeOf(error);
    metrics.closes.inc({ code: String(code) });
    logger.info({ doc: this.doc, session: this.session?.id, code, reason: error.message }, 'closing connection');
  };

  private readonly onMessage = (data: RawData, isBinary: boolean): void => {
    this.heardFrom = true;
    if (!isBinary) {
      this.close(CloseCode.ProtocolViolation, 'text frames are not part of the protocol');
      return;
    }
    const frame = data as Buffer;
    if (this.session && this.room) {
      try {
        this.room.receive(this.session, frame);
      } catch (error) {
        this.deps.metrics.internalErrors.inc({ where: 'receive' });
        this.deps.logger.error({ err: error, doc: this.doc }, 'unexpected error handling a message');
        this.close(CloseCode.InternalError, 'unexpected server error');
      }
      return;
    }
    // Frames that arrive while the token is checked and the room loads wait here, bounded.
    this.earlyBytes += frame.byteLength;
    if (this.earlyBytes > this.deps.config.limits.maxMessageBytes || this.early.length >= 64) {
      this.close(CloseCode.Overloaded, 'too much data before the document was ready');
      return;
    }
    this.early.push(frame);
  };

  private readonly onClose = (): void => {
    this.closed = true;
    clearTimeout(this.handshakeTimer);
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    if (this.connections.all.delete(this)) this.deps.metrics.connections.dec();
    if (this.limitsHeld) this.limits.release(this.ip, this.doc);
    this.limitsHeld = false;
    this.early = [];
    if (this.room && this.session) {
      this.room.leave(this.session);
      this.deps.logger.info({ doc: this.doc, session: this.session.id }, 'disconnected');
    }
  };
}

export { RoomClosedError };

/** The close code ws sends for a frame it refused: kept on the error under its `status-code` symbol (1002 if absent). */
function wsCloseCodeOf(error: Error): number {
  const key = Object.getOwnPropertySymbols(error).find((symbol) => symbol.description === 'status-code');
  const code = key === undefined ? undefined : (error as unknown as Record<symbol, unknown>)[key];
  return typeof code === 'number' ? code : 1002;
}
