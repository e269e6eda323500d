// Runs the DocumentStore contract against the embedded SQLite store, one fresh database file per test.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SqliteStore } from './sqlite-store';
import { describeStorageContract } from './storage.case';

describeStorageContract('SqliteStore', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'tandem-sqlite-'));
  const store = new SqliteStore({ path: path.join(dir, 'tandem.db') });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
