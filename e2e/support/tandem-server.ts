// A real Tandem server for end-to-end tests: the production bundle `npm start` runs (built by the global setup), as a
// child process on a free port with its own temporary DATA_DIR, which tests can restart (same port, same data).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnServer, freePort, type ServerProcess } from '../../server/src/test-support/server-process';

export interface TandemServer {
  readonly url: string;
  readonly dataDir: string;
  /** Stops the server (SIGTERM) and starts it again on the same port and data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTandem(env: Record<string, string> = {}): Promise<TandemServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-e2e-'));
  const port = await freePort();
  const launch = () =>
    spawnServer({ IDLE_UNLOAD_MS: '2000', ...env, DATA_DIR: dataDir, PORT: String(port) }, { runs: 'bundle' });
  let current: ServerProcess = await launch();
  const terminate = async () => {
    current.child.kill('SIGTERM');
    await current.exited;
  };
  return {
    url: current.url,
    dataDir,
    async restart() {
      await terminate();
      current = await launch();
    },
    async stop() {
      await terminate();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
