// One server per SQLite DATA_DIR. Two servers on one database file each keep their own rooms and never see each
// other's edits (only Redis carries edits between instances), so the second one stops at start. The lock is SQLite's
// own exclusive lock on DATA_DIR/server.lock, held for the server's life: the operating system drops it when the
// process ends in any way (SIGKILL included), so a crash never leaves a stale lock behind. The holder also writes
// where it listens to DATA_DIR/server.url, so the admin CLI finds it on any port instead of writing to the database
// behind its back.
import Database from 'better-sqlite3';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const LOCK_FILE = 'server.lock';
const URL_FILE = 'server.url';
const LOCK_WAIT_MS = 500;

export interface DataDirLock {
  release(): void;
}

export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
}

export function lockDataDir(dataDir: string): DataDirLock {
  // A short wait only: a server holds its lock for good, but the admin CLI looking for one (findDataDirServer) holds a
  // read lock for an instant, and a server starting just then must not take that for another server.
  const db = new Database(path.join(dataDir, LOCK_FILE), { timeout: LOCK_WAIT_MS });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('CREATE TABLE IF NOT EXISTS held (since INTEGER NOT NULL)');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') {
      throw new DataDirInUseError('another Tandem server is using it (one server per DATA_DIR; instances that share documents use DATABASE_URL and REDIS_URL)', { cause: error });
    }
    throw error;
  }
  try {
    // A URL left by a server that was killed is not this server's: gone before anyone can read it as ours.
    withdrawServerUrl(dataDir);
  } catch {
    // Left as it is: announcing this server's URL fails the same way, and says so (see startServer).
  }
  return { release: () => db.close() };
}

/** Tells the admin CLI where the server holding `dataDir` listens (see findDataDirServer). Whole or not at all. */
export function announceServerUrl(dataDir: string, url: string): void {
  const file = path.join(dataDir, URL_FILE);
  const partial = `${file}.${process.pid}`;
  writeFileSync(partial, `${url}\n`);
  renameSync(partial, file);
}

export function withdrawServerUrl(dataDir: string): void {
  rmSync(path.join(dataDir, URL_FILE), { force: true });
}

/**
 * The server holding `dataDir`, when one runs, with the URL it announced (null until it listens). A lock that cannot
 * be looked at (no permission, an I/O error) counts as held: the CLI then asks for TANDEM_URL rather than open the
 * database behind a server it cannot see.
 */
export function findDataDirServer(dataDir: string): { url: string | null } | null {
  const lockFile = path.join(dataDir, LOCK_FILE);
  if (!existsSync(lockFile)) return null;
  let db: Database.Database | undefined;
  try {
    db = new Database(lockFile, { timeout: 0, readonly: true, fileMustExist: true });
    // A holder keeps an exclusive lock: even reading is refused, with SQLITE_BUSY.
    db.prepare('SELECT since FROM held').all();
    return null;
  } catch (error) {
    // The table is made by the first server to lock the directory: without it, nobody ever held it.
    if (/no such table/.test((error as Error).message)) return null;
    return { url: announcedUrl(dataDir) };
  } finally {
    db?.close();
  }
}

function announcedUrl(dataDir: string): string | null {
  try {
    return readFileSync(path.join(dataDir, URL_FILE), 'utf8').trim() || null;
  } catch {
    return null; // not announced (yet): the server is starting, or could not write it
  }
}
