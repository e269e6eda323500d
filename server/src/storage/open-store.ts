// Opens the configured store at start: embedded SQLite under DATA_DIR, or PostgreSQL at DATABASE_URL. A failure
// names the setting to fix (a DATA_DIR under a file or without write access, an unreachable or unknown database), in
// one line, since the start stops on it.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describeValue, type Config } from '../config';
import type { Logger } from '../logger';
import { SqliteStore } from './sqlite-store';
import type { DocumentStore } from './storage';

export async function openStore(config: Config, logger: Logger): Promise<DocumentStore> {
  // DATA_DIR holds the admin token too, so it is made whichever store keeps the documents.
  attempt(`${describeValue('DATA_DIR', config.dataDir)} cannot be used`, () => mkdirSync(config.dataDir, { recursive: true }));
  if (config.databaseUrl) {
    const { PostgresStore } = await import('./postgres-store');
    const store = new PostgresStore({ connectionString: config.databaseUrl, schema: config.databaseSchema });
    try {
      await store.ready();
    } catch (error) {
      await store.close().catch(() => undefined);
      throw new Error(`${describeValue('DATABASE_URL', config.databaseUrl)} cannot be used: ${messageOf(error)}`, { cause: error });
    }
    return store;
  }
  const file = path.join(config.dataDir, 'tandem.db');
  const store = attempt(
    `${describeValue('DATA_DIR', config.dataDir)} cannot be used: ${file}`,
    () => new SqliteStore({ path: file, onWarning: (message) => logger.warn(message) }),
  );
  await store.ready();
  return store;
}

function attempt<T>(failure: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new Error(`${failure}: ${messageOf(error)}`, { cause: error });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
