// What the admin CLI reads from its environment, read once: the server URL (TANDEM_URL), the admin token
// (ADMIN_TOKEN, else DATA_DIR/admin-token as the server wrote it) and AUTH_SECRET for minting tokens locally.
import { readFileSync } from 'node:fs';
import { adminTokenPath } from '../admin/admin-token';
import { CliError } from './cli-error';

export interface AdminToken {
  token: string;
  /** Where it came from, for the message when the server rejects it. */
  source: string;
}

export interface CliConfig {
  serverUrl: string;
  /** TANDEM_URL was given (serverUrl is not just the default). */
  isServerUrlSet: boolean;
  /** DATA_DIR as given (the server's default `./data` when unset), for commands on the SQLite file itself. */
  dataDir: string;
  /** Set when the documents live in PostgreSQL. */
  databaseUrl: string | undefined;
  authSecret: string | undefined;
  /** Read on first use, so commands that need no server (token) work without one. Throws CliError. */
  adminToken(): AdminToken;
}

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8787';

export function loadCliConfig(env: Record<string, string | undefined>): CliConfig {
  const rawUrl = env.TANDEM_URL || DEFAULT_SERVER_URL;
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch (cause) {
    throw new CliError(`TANDEM_URL=${JSON.stringify(rawUrl)} is not a URL like ${DEFAULT_SERVER_URL}`, 2, { cause });
  }
  const dataDir = env.DATA_DIR || './data';
  return {
    serverUrl: url.href.replace(/\/+$/, ''),
    isServerUrlSet: Boolean(env.TANDEM_URL),
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    authSecret: env.AUTH_SECRET || undefined,
    adminToken() {
      if (env.ADMIN_TOKEN) return { token: env.ADMIN_TOKEN, source: 'ADMIN_TOKEN' };
      const file = adminTokenPath(dataDir);
      let token: string;
      try {
        token = readFileSync(file, 'utf8').trim();
      } catch (cause) {
        throw new CliError(`no admin token: set ADMIN_TOKEN, or DATA_DIR to the server's data folder (${file} not found)`, 1, { cause });
      }
      if (token === '') throw new CliError(`no admin token: ${file} is empty; set ADMIN_TOKEN`);
      return { token, source: file };
    },
  };
}
