// Opens the configured store at start: embedded SQLite under DATA_DIR, or PostgreSQL at DATABASE_URL. A failure
// names the setting to fix (a DATA_DIR under a file or without write access, an unreachable or unknown database), in
// one line, since the start stops on it.
import path from 'node:path';
import { describeValue, type Config } from '../config';
import type { Logger } from '../logger';
import { lockDataDir } from './data-dir-lock';
import { makeDirectory } from './make-directory';
import { SqliteStore } from './sqlite-store';
import type { DocumentStore } from './storage';

/**
 * `lockDataDir`: hold DATA_DIR for this process (data-dir-lock.ts). The admin CLI working on the database directly
 * does not: it runs beside the server on purpose.
 */
export async function openStore(config: Config, logger: Logger, { lockDataDir: shouldLock }: { lockDataDir: boolean }): Promise<DocumentStore> {
  const unusable = `${describeValue('DATA_DIR', config.dataDir)} cannot be used`;
  // DATA_DIR holds the admin token too, so it is made whichever store keeps the documents.
  attempt(unusable, () => makeDirectory(config.dataDir));
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
  const lock = shouldLock ? attempt(unusable, () => lockDataDir(config.dataDir)) : undefined;
  const store = attempt(`${unusable}: ${file}`, () => {
    try {
      return new SqliteStore({ path: file, lock, onWarning: (message) => logger.warn(message) });
    } catch (error) {
      lock?.release();
      throw error;
    }
  });
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
