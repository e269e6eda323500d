// The process entry point: reads the configuration once, starts the server, and stops it gracefully on
// SIGTERM/SIGINT (stop accepting, commit everything, close sockets with 1001, exit 0 within 10 s).
// The only file that calls process.exit.
import { adminTokenPath } from './admin/admin-token';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { routeModules, observerModules } from './modules';
import { startServer } from './server';

const SHUTDOWN_DEADLINE_MS = 10_000;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`tandem: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const server = await startServer(config, { logger, routes: routeModules, observers: observerModules });
  process.stdout.write(`Tandem is running at ${server.url}\n`);
  if (!config.adminToken) process.stdout.write(`Admin API and CLI token: ${adminTokenPath(config.dataDir)}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`tandem: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
