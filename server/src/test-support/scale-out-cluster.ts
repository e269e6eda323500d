// Several real server processes sharing one PostgreSQL and one Redis, for scale-out tests (Vitest and Playwright).
// Each cluster works in a PostgreSQL schema of its own (dropped by stop()), and each instance gets its own DATA_DIR;
// callers keep Redis traffic apart by using unique document names.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import * as Y from 'yjs';
import { PostgresStore } from '../storage/postgres-store';
import { spawnServer, type ServerProcess } from './server-process';

/** Options for vi.waitFor on cross-instance traffic (through Redis, between processes on a possibly busy machine). */
export const EVENTUALLY = { timeout: 10_000, interval: 20 } as const;
/** Per-test timeout for tests that start instances: each start runs the server entry point in a new process. */
export const SPAWNING_TEST_TIMEOUT_MS = 90_000;

export interface ClusterServices {
  databaseUrl: string;
  redisUrl: string;
}

export interface InstanceOptions {
  /** Redis as this instance sees it, e.g. through a TcpRelay. Default: the cluster's. */
  redisUrl?: string;
  env?: Record<string, string>;
}

export interface ScaleOutCluster {
  readonly schema: string;
  /** Starts one more instance and waits until /readyz answers 200. */
  start(options?: InstanceOptions): Promise<ServerProcess>;
  /** The document as stored in PostgreSQL (what any instance would load), read without a server. */
  loadStored(doc: string): Promise<Y.Doc>;
  /** Stops every instance still running (SIGTERM, so they say goodbye to Redis), drops the schema and DATA_DIRs. */
  stop(): Promise<void>;
}

export function createCluster(services: ClusterServices): ScaleOutCluster {
  const schema = `tandem_scale_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const instances: ServerProcess[] = [];
  const dirs: string[] = [];
  return {
    schema,
    async start(options = {}) {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-scale-'));
      dirs.push(dataDir);
      const instance = await spawnServer({
        ...options.env,
        DATA_DIR: dataDir,
        DATABASE_URL: services.databaseUrl,
        DATABASE_SCHEMA: schema,
        REDIS_URL: options.redisUrl ?? services.redisUrl,
      });
      instances.push(instance);
      await waitReady(instance);
      return instance;
    },
    async loadStored(doc) {
      const store = new PostgresStore({ connectionString: services.databaseUrl, schema, poolSize: 1 });
      try {
        const stored = await store.load(doc);
        const ydoc = new Y.Doc();
        for (const update of stored?.updates ?? []) Y.applyUpdate(ydoc, update);
        return ydoc;
      } finally {
        await store.close();
      }
    },
    async stop() {
      await Promise.all(
        instances.splice(0).map(async (instance) => {
          if (instance.child.exitCode !== null || instance.child.signalCode !== null) return;
          instance.child.kill('SIGTERM');
          const timer = setTimeout(() => instance.child.kill('SIGKILL'), 10_000);
          await instance.exited;
          clearTimeout(timer);
        }),
      );
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
      const client = new pg.Client({ connectionString: services.databaseUrl });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Resolves once `GET /readyz` answers `expected` (storage and fan-out both up for 200). */
export async function waitReady(instance: ServerProcess, expected: 200 | 503 = 200, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: number | string = 'no answer';
  while (Date.now() < deadline) {
    last = await fetch(`${instance.url}/readyz`).then((r) => r.status, (error: Error) => error.message);
    if (last === expected) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`/readyz of ${instance.url} answered ${last}, want ${expected}; output: ${instance.output()}`);
}
