// Builds a whole Tandem server from a Config: storage, fan-out, rooms, routes, HTTP listener. main.ts runs it
// as a process; tests run it in-process on port 0.
import { serve, type ServerType } from '@hono/node-server';
import { createNodeWebSocket } from '@hono/node-ws';
import { Hono } from 'hono';
import type { WebSocket as RawWebSocket } from 'ws';
import type { UpgradeWebSocket } from 'hono/ws';
import { isIP, type AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CloseCode } from '../../shared/close-codes';
import { seedUpdate } from '../../shared/lexical/seed-update';
import { adminTokenPath, resolveAdminToken } from './admin/admin-token';
import { createApp } from './app';
import { DocumentConverter } from './documents/document-converter';
import { DocumentReplacements } from './documents/document-replacements';
import { TokenVerifier } from './auth/tokens';
import type { Config } from './config';
import type { Fanout } from './fanout/fanout';
import { LocalFanout } from './fanout/local-fanout';
import { createLogger, type Logger } from './logger';
import { createMetrics, type Metrics } from './metrics/metrics';
import { Committer } from './rooms/committer';
import { RoomRegistry, type RoomObserver } from './rooms/registry';
import { announceServerUrl, withdrawServerUrl } from './storage/data-dir-lock';
import { openStore } from './storage/open-store';
import type { DocumentStore } from './storage/storage';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/**
 * How often users of dead instances are looked for. With Redis liveness keys renewed every 5 s and kept 15 s, and
 * two missed sweeps needed, they disappear 13 to 21 s after their instance died (y-protocols alone: 30 to 33 s).
 */
const PRESENCE_SWEEP_MS = 3_000;

export interface ServerContext {
  config: Config;
  store: DocumentStore;
  fanout: Fanout;
  registry: RoomRegistry;
  committer: Committer;
  /** Runs exports' and imports' conversions on a worker thread. */
  converter: DocumentConverter;
  /** Imports and restores, one at a time per document, and the crossing-edits watches they leave. */
  replacements: DocumentReplacements;
  verifier: TokenVerifier | null;
  metrics: Metrics;
  logger: Logger;
  adminToken: string;
}

/** Route groups that need the whole context (admin API, user API). Registered by `extraRoutes`. */
export type RouteModule = (ctx: ServerContext) => (app: Hono) => void;

export interface RunningServer {
  ctx: ServerContext;
  port: number;
  url: string;
  /** Stops accepting, closes sockets with 1001, commits everything, closes storage and fan-out. */
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  routes?: RouteModule[];
  observers?: (ctx: ServerContext) => RoomObserver[];
  clientDir?: string;
  /** Hold the SQLite DATA_DIR so no second server opens it (default true; the admin CLI's direct mode passes false). */
  lockDataDir?: boolean;
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const metrics = createMetrics();
  // The PostgreSQL and Redis clients are loaded only when configured, so the embedded default stays lean.
  const store = await openStore(config, logger, { lockDataDir: options.lockDataDir ?? true });
  const fanout: Fanout = config.redisUrl
    ? new (await import('./fanout/redis-fanout')).RedisFanout({ url: config.redisUrl, logger })
    : new LocalFanout();
  const committer = new Committer(store, metrics, logger);
  const observers: RoomObserver[] = [];
  const registry = new RoomRegistry({
    store,
    committer,
    fanout,
    metrics,
    logger,
    limits: config.limits,
    idleUnloadMs: config.idleUnloadMs,
    compactAfterUpdates: config.compactAfterUpdates,
    seedUpdate: seedUpdate(),
    observers,
  });
  const ctx: ServerContext = {
    config,
    store,
    fanout,
    registry,
    committer,
    replacements: new DocumentReplacements(fanout),
    converter: new DocumentConverter({
      onFallback: (reason) => logger.warn({ reason }, 'the conversion thread failed; conversions run on the event loop'),
    }),
    verifier: config.authSecret ? new TokenVerifier(config.authSecret) : null,
    metrics,
    logger,
    adminToken: resolveAdminToken(config.adminToken, config.dataDir),
  };
  observers.push(...(options.observers?.(ctx) ?? []));
  fanout.onReconnect(() => {
    for (const room of registry.loadedRooms()) room.requestCatchUp();
  });
  // An instance killed without a goodbye leaves its users' presence behind; its liveness key tells when it is gone.
  const presenceSweep = config.redisUrl
    ? setInterval(() => {
        registry.expireRemotePresence().catch((error: unknown) => {
          metrics.internalErrors.inc({ where: 'presence-sweep' });
          logger.error({ err: error }, 'expiring the presence of dead instances failed');
        });
      }, PRESENCE_SWEEP_MS).unref()
    : undefined;

  const app = new Hono();
  const nodeWs = createNodeWebSocket({ app });
  const { connections } = createApp(app, {
    ...ctx,
    upgradeWebSocket: nodeWs.upgradeWebSocket as UpgradeWebSocket<RawWebSocket>,
    routes: (options.routes ?? []).map((module) => module(ctx)),
    clientDir: options.clientDir ?? path.join(repoRoot, 'dist/client'),
  });
  // Larger frames are refused by ws itself with close code 1009 before they are buffered whole.
  (nodeWs.wss.options as { maxPayload: number }).maxPayload = config.limits.maxMessageBytes;

  let server: ServerType;
  try {
    server = await listen(app.fetch, config.host, config.port);
  } catch (error) {
    clearInterval(presenceSweep);
    await fanout.close();
    await store.close();
    throw error;
  }
  nodeWs.injectWebSocket(server);
  connections.startKeepalive(config.pingIntervalMs);
  const port = (server.address() as AddressInfo).port;
  logger.info({
    port,
    host: config.host,
    storage: config.databaseUrl ? 'postgres' : 'sqlite',
    fanout: config.redisUrl ? 'redis' : 'local',
    // Where an admin finds the token for /admin and the CLI (never the token itself).
    adminToken: config.adminToken ? 'from ADMIN_TOKEN' : adminTokenPath(config.dataDir),
  }, 'listening');

  // The server holding a SQLite DATA_DIR says where it listens, for the admin CLI (see data-dir-lock.ts).
  const holdsDataDir = !config.databaseUrl && (options.lockDataDir ?? true);
  if (holdsDataDir) {
    try {
      announceServerUrl(config.dataDir, urlOf(reachableHost(config.host), port));
    } catch (error) {
      logger.warn({ err: error }, 'cannot write DATA_DIR/server.url; the admin CLI needs TANDEM_URL to find this server');
    }
  }

  let closing: Promise<void> | null = null;
  return {
    ctx,
    port,
    url: urlOf(config.host, port),
    close() {
      closing ??= (async () => {
        if (holdsDataDir) {
          try {
            withdrawServerUrl(config.dataDir);
          } catch (error) {
            // Harmless once this server is gone: the next one to hold DATA_DIR removes it.
            logger.warn({ err: error }, 'cannot remove DATA_DIR/server.url');
          }
        }
        clearInterval(presenceSweep);
        server.close();
        connections.stop();
        // Before the rooms go: a conversion still running fails (503) instead of finishing into a closed registry.
        await ctx.converter.close();
        await registry.shutdown(CloseCode.GoingAway);
        // The rooms' going ended the crossing-edits watches: what they caught is stored while storage is still open.
        await ctx.replacements.settle();
        for (const client of nodeWs.wss.clients) client.terminate();
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        await fanout.close();
        await store.close();
      })();
      return closing;
    },
  };
}

function urlOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * The address a process on this machine reaches a server bound to `host` at: for any unspecified address (0.0.0.0,
 * `::` in any spelling) IPv4's loopback, which a `::` socket also accepts (it is dual-stack) where `::1` may not exist.
 */
function reachableHost(host: string): string {
  const isUnspecified = host === '0.0.0.0' || (isIP(host) === 6 && /^[0:]+$/.test(host));
  return isUnspecified ? '127.0.0.1' : host;
}

/** Starts listening; a port in use or a host that cannot be bound is one clear error, not an unhandled event. */
function listen(fetch: (request: Request) => Response | Promise<Response>, host: string, port: number): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const s = serve({ fetch, port, hostname: host }, () => {
      s.off('error', onError);
      resolve(s);
    });
    const onError = (error: NodeJS.ErrnoException) => {
      const where = `${host}:${port}`;
      const reason = error.code === 'EADDRINUSE' ? `${where} is already in use; stop the other process or set PORT`
        : error.code === 'EADDRNOTAVAIL' ? `${where} is not an address of this machine; check HOST`
        : error.code === 'EACCES' ? `no permission to listen on ${where}; use a PORT above 1023`
        : `cannot listen on ${where}: ${error.message}`;
      reject(new Error(reason, { cause: error }));
    };
    s.once('error', onError);
  });
}
