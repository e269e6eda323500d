// One server per SQLite DATA_DIR. Two servers on one database file each keep their own rooms and never see each
// other's edits (only Redis carries edits between instances), so the second one stops at start. The lock is SQLite's
// own exclusive lock on DATA_DIR/server.lock, held for the server's life: the operating system drops it when the
// process ends in any way (SIGKILL included), so a crash never leaves a stale lock behind.
import Database from 'better-sqlite3';
import path from 'node:path';

export interface DataDirLock {
  release(): void;
}

export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
}

export function lockDataDir(dataDir: string): DataDirLock {
  // No busy timeout: a held lock is an answer, not something to wait for.
  const db = new Database(path.join(dataDir, 'server.lock'), { timeout: 0 });
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
  return { release: () => db.close() };
}
