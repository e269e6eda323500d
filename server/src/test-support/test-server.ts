// Starts a real Tandem server in-process on port 0 with a temporary DATA_DIR, for integration tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../config';
import type { Logger } from '../logger';
import { observerModules, routeModules } from '../modules';
import { startServer, type RunningServer } from '../server';

export interface TestServer extends RunningServer {
  dataDir: string;
  wsUrl: string;
  /** Closes the server and removes its DATA_DIR (unless keepData). */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export interface TestServerOptions {
  /** Replaces the default silent logger (tests that inspect log lines pass one writing to a capture stream). */
  logger?: Logger;
  /** The built editor to serve (default: dist/client). */
  clientDir?: string;
}

export async function startTestServer(env: Record<string, string> = {}, options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = env.DATA_DIR ?? mkdtempSync(path.join(tmpdir(), 'tandem-test-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env, DATA_DIR: dataDir });
  const server = await startServer(config, {
    logger: options.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    routes: routeModules,
    observers: observerModules,
    clientDir: options.clientDir,
  });
  return {
    ...server,
    dataDir,
    wsUrl: `ws://127.0.0.1:${server.port}/collab`,
    async stop(options = {}) {
      await server.close();
      if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
