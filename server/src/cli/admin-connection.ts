// Where the admin CLI sends its requests: a running server (TANDEM_URL), or the database directly. Directly means
// the server's own core (storage, rooms, admin API) started inside the CLI process on a private loopback port,
// against DATA_DIR or DATABASE_URL, for as long as one command runs: every command behaves exactly as over HTTP.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, describeValue, loadConfig } from '../config';
import { createLogger } from '../logger';
import { routeModules } from '../modules';
import { startServer } from '../server';
import { findDataDirServer } from '../storage/data-dir-lock';
import { AdminClient } from './admin-client';
import type { CliConfig } from './cli-config';
import { CliError } from './cli-error';

export interface AdminConnection {
  client: AdminClient;
  /** Where the requests go, for messages. */
  describe: string;
  close(): Promise<void>;
}

export type ConnectMode = 'server' | 'direct' | 'auto';

/**
 * `direct` opens the database; `server` uses TANDEM_URL; `auto` (TANDEM_URL unset, no --direct) uses the server at
 * the default URL when it answers and the database otherwise, saying so on stderr.
 */
export async function connectAdmin(
  mode: ConnectMode,
  config: CliConfig,
  env: Record<string, string | undefined>,
  note: (line: string) => void,
  { mayCreateDatabase }: { mayCreateDatabase: boolean },
): Promise<AdminConnection> {
  const viaServer = (serverUrl = config.serverUrl): AdminConnection => ({
    client: new AdminClient({ ...config, serverUrl }),
    describe: serverUrl,
    close: async () => {},
  });
  if (mode === 'server') return viaServer();
  const dataDir = env.DATA_DIR || './data';
  // Only a SQLite DATA_DIR has a holder; on PostgreSQL every instance and the CLI share the database by design.
  const holder = env.DATABASE_URL ? null : findDataDirServer(dataDir);
  if (mode === 'auto') {
    // The server on this DATA_DIR, wherever it listens: writing beside it would reach its open editors only once
    // it loads the document again, and edits made meanwhile into replaced blocks would be lost.
    if (holder?.url && (await answers(holder.url))) {
      if (holder.url !== config.serverUrl) note(`using the server that holds ${dataDir}, at ${holder.url}`);
      return viaServer(holder.url);
    }
    if (await answers(config.serverUrl)) return viaServer();
    if (holder) {
      throw new CliError(`a Tandem server holds ${dataDir} but does not answer at ${holder.url ?? config.serverUrl}: set TANDEM_URL to its address (or pass --direct to open the database beside it)`, 1);
    }
    const where = env.DATABASE_URL ? 'the PostgreSQL database (DATABASE_URL)' : dataDir;
    note(`no server at ${config.serverUrl}; opening ${where} directly`);
  } else if (holder) {
    note(`a server holds ${dataDir}${holder.url ? ` (at ${holder.url})` : ''}: what this changes reaches its open editors only when it loads the document again`);
  }
  return openDirect(config, env, mayCreateDatabase);
}

async function answers(serverUrl: string): Promise<boolean> {
  try {
    await fetch(`${serverUrl}/healthz`, { signal: AbortSignal.timeout(1_000) });
    return true;
  } catch {
    return false; // refused, unresolvable or silent: there is no server to talk to
  }
}

async function openDirect(cliConfig: CliConfig, env: Record<string, string | undefined>, mayCreateDatabase: boolean): Promise<AdminConnection> {
  let serverConfig;
  try {
    // Loopback and a free port: nothing outside this process can reach it, so no AUTH_SECRET is needed. Its admin
    // token is this process's own: generated, it would be written to DATA_DIR/admin-token, where a server started
    // later with ADMIN_TOKEN would leave it stale and the CLI would read it and be turned away.
    const adminToken = env.ADMIN_TOKEN || randomBytes(32).toString('base64url');
    serverConfig = loadConfig({ ...env, ADMIN_TOKEN: adminToken, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: env.LOG_LEVEL ?? 'warn' });
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message, 2, { cause: error });
    throw error;
  }
  // A mistyped DATA_DIR would otherwise get a new, empty database (and admin token), and `list` would answer
  // "no documents" as if everything were gone. Only a command that makes documents may start one.
  const databaseFile = path.resolve(serverConfig.dataDir, 'tandem.db');
  if (!serverConfig.databaseUrl && !mayCreateDatabase && !existsSync(databaseFile)) {
    throw new CliError(`no database at ${databaseFile}: is ${describeValue('DATA_DIR', serverConfig.dataDir)} the server's DATA_DIR?`, 1);
  }
  let server;
  try {
    // Beside a running server on the same DATA_DIR on purpose (see the README), so it does not claim the directory.
    server = await startServer(serverConfig, { logger: createLogger(serverConfig.logLevel, 'stderr'), routes: routeModules, lockDataDir: false });
  } catch (cause) {
    throw new CliError(`cannot open the database: ${cause instanceof Error ? cause.message : String(cause)}`, 1, { cause });
  }
  const adminToken = server.ctx.adminToken;
  const client = new AdminClient({
    ...cliConfig,
    serverUrl: server.url,
    adminToken: () => ({ token: adminToken, source: 'the database opened directly' }),
  });
  return { client, describe: 'the database', close: () => server.close() };
}
