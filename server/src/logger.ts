// Structured logs (pino). Tokens and query strings never reach a log line: callers log doc names and ids only,
// and the redaction list below is a second line of defence.
import pino from 'pino';
import type { Config } from './config';

export type Logger = pino.Logger;

/** Logs to stdout, or to stderr when stdout carries something else (the admin CLI's output). */
export function createLogger(level: Config['logLevel'], to: 'stdout' | 'stderr' = 'stdout'): Logger {
  return pino(
    {
      level,
      base: { service: 'tandem' },
      redact: { paths: ['token', '*.token', 'authorization', '*.authorization', 'url', '*.url'], censor: '[redacted]' },
    },
    pino.destination(to === 'stdout' ? 1 : 2),
  );
}
