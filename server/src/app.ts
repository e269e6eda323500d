// The HTTP surface: health, metrics, the /collab WebSocket route, the admin and user APIs, and the built editor.
// Errors thrown by routes are mapped here, once, to { "error": { "code", "message" } }.
import { Hono, type Context } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { UpgradeWebSocket } from 'hono/ws';
import type { WebSocket as RawWebSocket } from 'ws';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { TokenVerifier } from './auth/tokens';
import { AllowedMethods } from './api/allowed-methods';
import { createOriginPolicy } from './auth/origin-policy';
import type { Config } from './config';
import { TandemError } from './errors';
import type { Fanout } from './fanout/fanout';
import type { Logger } from './logger';
import type { Metrics } from './metrics/metrics';
import type { RoomRegistry } from './rooms/registry';
import type { DocumentStore } from './storage/storage';
import { registerCollabRoute } from './transport/collab-route';
import { ConnectionSet } from './transport/connection-set';

export interface AppDeps {
  config: Config;
  store: DocumentStore;
  fanout: Fanout;
  registry: RoomRegistry;
  verifier: TokenVerifier | null;
  metrics: Metrics;
  logger: Logger;
  upgradeWebSocket: UpgradeWebSocket<RawWebSocket>;
  /** Extra route groups (admin API, user API), registered before the static files. */
  routes?: Array<(app: Hono) => void>;
  /** Folder with the built editor (index.html and assets). */
  clientDir: string;
}

/** Registers every route on `app` (created by the caller, because the WebSocket adapter needs it first). */
export function createApp(app: Hono, deps: AppDeps): { app: Hono; connections: ConnectionSet } {
  const connections = new ConnectionSet();

  app.onError((error, c) => {
    if (error instanceof TandemError) {
      return c.json({ error: { code: error.code, message: error.message } }, error.status as 400);
    }
    deps.metrics.internalErrors.inc({ where: 'http' });
    deps.logger.error({ err: error, path: c.req.path }, 'unexpected HTTP error');
    return c.json({ error: { code: 'internal', message: 'unexpected server error' } }, 500);
  });
  const clientPage = clientPageServer(deps.clientDir);
  const allowedMethods = new AllowedMethods(() => app.routes);
  app.notFound((c) => {
    // A browser that follows a wrong link gets the editor's own "Page not found" screen; API clients get JSON.
    if (isPageNavigation(c)) return clientPage(c, 404);
    const allowed = allowedMethods.of(c.req.path);
    if (allowed.length > 0 && !allowed.includes(c.req.method)) {
      c.header('Allow', allowed.join(', '));
      const message = `${c.req.method} is not allowed on ${c.req.path}; it takes ${allowed.join(', ')}`;
      return c.json({ error: { code: 'method_not_allowed', message } }, 405);
    }
    return c.json({ error: { code: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` } }, 404);
  });

  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', async (c) => {
    const storage = await deps.store.ping().catch(() => false);
    const fanout = deps.fanout.healthy();
    const ok = storage && fanout;
    return c.json({ ok, storage, fanout }, ok ? 200 : 503);
  });
  app.get('/metrics', async (c) => {
    c.header('Content-Type', deps.metrics.registry.contentType);
    return c.body(await deps.metrics.registry.metrics());
  });

  registerCollabRoute(
    app,
    {
      config: deps.config,
      registry: deps.registry,
      verifier: deps.verifier,
      isOriginAllowed: createOriginPolicy(deps.config.allowedOrigins),
      metrics: deps.metrics,
      logger: deps.logger,
      upgradeWebSocket: deps.upgradeWebSocket,
    },
    connections,
  );
  for (const register of deps.routes ?? []) register(app);
  registerClient(app, deps.clientDir, clientPage);
  return { app, connections };
}

type ClientPage = (c: Context, status?: 200 | 404) => Response;

/** The editor's index.html (the client routes itself), with a status. */
function clientPageServer(clientDir: string): ClientPage {
  const indexFile = path.join(clientDir, 'index.html');
  return (c, status = 200) => {
    if (!existsSync(indexFile)) {
      return c.html('<!doctype html><p>The editor is not built yet: run <code>npm start</code> (it builds it).</p>', status);
    }
    // Revalidated on every load: it names the current build's assets, so a deploy must reach the next visit.
    c.header('Cache-Control', 'no-cache');
    return c.html(readFileSync(indexFile, 'utf8'), status);
  };
}

const keepForever = (_file: string, c: Context): void => {
  c.header('Cache-Control', 'public, max-age=31536000, immutable');
};

/** Paths that belong to the APIs: a wrong one there is answered in JSON, whoever asks. */
const API_PREFIXES = ['/admin/', '/api/', '/collab/', '/assets/'];

/** A browser loading a page (it asks for HTML first), not a script calling an API. */
function isPageNavigation(c: Context): boolean {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return false;
  if (API_PREFIXES.some((prefix) => c.req.path.startsWith(prefix))) return false;
  return (c.req.header('accept') ?? '').includes('text/html');
}

/** Serves the built editor; every page route gets index.html. */
function registerClient(app: Hono, clientDir: string, page: ClientPage): void {
  const relativeRoot = path.relative(process.cwd(), clientDir) || '.';
  const built = existsSync(clientDir);
  // Hashed names: a file there never changes, so browsers keep it for a year without asking again; the build's
  // Brotli and gzip copies (client/build/compress-assets.ts) go to browsers that accept them.
  if (built) app.use('/assets/*', serveStatic({ root: relativeRoot, precompressed: true, onFound: keepForever }));
  app.get('/', (c) => page(c));
  app.get('/d/:doc', (c) => page(c));
  // A link with a trailing slash (typed, or from a tool that adds one) goes to the document, not to a 404 page.
  app.get('/d/:doc/', (c) => {
    const url = new URL(c.req.url);
    return c.redirect(`/d/${encodeURIComponent(c.req.param('doc'))}${url.search}`, 301);
  });
  // The offline shell's worker: always revalidated, so a deploy's new worker is found on the next visit.
  const revalidate = (_file: string, c: Context) => c.header('Cache-Control', 'no-cache');
  if (built) app.get('/sw.js', serveStatic({ root: relativeRoot, onFound: revalidate }));
  if (built) app.get('/*', serveStatic({ root: relativeRoot }));
}
