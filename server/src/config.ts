// The server's one configuration object: every environment variable is read and validated here, once.
// Nothing else reads process.env. A bad value is reported as one line naming the variable and what it accepts.
// zod/mini: the same checks as zod's classic API at a fraction of its code (the build bundles only what is used).
import * as z from 'zod/mini';
import { en } from 'zod/locales';

z.config(en());

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

/** Shortest AUTH_SECRET and ADMIN_TOKEN accepted (the admin CLI refuses a shorter secret the same way). */
export const MIN_SECRET_LENGTH = 16;

const boolFlag = z.pipe(z.enum(['true', 'false'], { error: 'must be true or false' }), z.transform((v) => v === 'true'));

/**
 * A whole number from `min` to `max`, written in decimal digits alone (not " ", "1e3" or "0x22b8", which JavaScript
 * would read as 0, 1000 and 8888); every way of missing it gets the one message `accepts`.
 */
function wholeNumber(accepts: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  const error = { error: accepts };
  const digits = z.pipe(z.string().check(z.regex(/^[0-9]+$/, error)), z.transform(Number));
  return z.pipe(digits, z.number().check(z.minimum(min, error), z.maximum(max, error)));
}
const positiveInt = wholeNumber('must be a whole number above 0', 1);
const secret = z.string().check(z.minLength(MIN_SECRET_LENGTH, `must be at least ${MIN_SECRET_LENGTH} characters`));

const schema = z.object({
  PORT: z._default(wholeNumber('must be a whole number from 0 to 65535', 0, 65535), 8787),
  HOST: z._default(z.string().check(z.minLength(1)), '127.0.0.1'),
  DATA_DIR: z._default(z.string().check(z.minLength(1)), './data'),
  DATABASE_URL: z.optional(z.string().check(z.regex(/^postgres(ql)?:\/\//, 'must start with postgres://'))),
  DATABASE_SCHEMA: z._default(z.string().check(z.regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case identifier like tandem')), 'public'),
  REDIS_URL: z.optional(z.string().check(z.regex(/^rediss?:\/\//, 'must start with redis://'))),
  AUTH_SECRET: z.optional(secret),
  ALLOW_ANONYMOUS: z._default(boolFlag, false),
  ADMIN_TOKEN: z.optional(secret),
  ALLOWED_ORIGINS: z.optional(z.string()),
  MAX_MESSAGE_BYTES: z._default(positiveInt, 8 * 1024 * 1024),
  MAX_DOC_BYTES: z._default(positiveInt, 32 * 1024 * 1024),
  RATE_LIMIT_MESSAGES: z._default(positiveInt, 200),
  RATE_LIMIT_BYTES: z._default(positiveInt, 4 * 1024 * 1024),
  MAX_CONNECTIONS_PER_IP: z._default(positiveInt, 500),
  MAX_CONNECTIONS_PER_DOC: z._default(positiveInt, 1000),
  MAX_BUFFERED_BYTES: z._default(positiveInt, 16 * 1024 * 1024),
  MAX_AWARENESS_BYTES: z._default(positiveInt, 16 * 1024),
  HANDSHAKE_TIMEOUT_MS: z._default(positiveInt, 10_000),
  PING_INTERVAL_MS: z._default(positiveInt, 30_000),
  IDLE_UNLOAD_MS: z._default(wholeNumber('must be a whole number of milliseconds, 0 or more', 0), 30_000),
  COMPACT_AFTER_UPDATES: z._default(positiveInt, 500),
  AUTO_VERSION_IDLE_MS: z._default(positiveInt, 2 * 60_000),
  AUTO_VERSION_INTERVAL_MS: z._default(positiveInt, 30 * 60_000),
  AUTO_VERSION_KEEP: z._default(positiveInt, 50),
  LOG_LEVEL: z._default(z.enum(['debug', 'info', 'warn', 'error'], { error: 'must be one of debug, info, warn, error' }), 'info'),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  /** PostgreSQL schema holding Tandem's tables, so several deployments (or test runs) can share one database. */
  readonly databaseSchema: string;
  readonly redisUrl: string | undefined;
  readonly authSecret: string | undefined;
  readonly allowAnonymous: boolean;
  readonly adminToken: string | undefined;
  /** Explicit origins; empty means "same origin and localhost". */
  readonly allowedOrigins: readonly string[];
  readonly limits: {
    readonly maxMessageBytes: number;
    readonly maxDocBytes: number;
    readonly rateMessages: number;
    readonly rateBytes: number;
    readonly maxConnectionsPerIp: number;
    readonly maxConnectionsPerDoc: number;
    readonly maxBufferedBytes: number;
    readonly maxAwarenessBytes: number;
    readonly handshakeTimeoutMs: number;
  };
  readonly pingIntervalMs: number;
  readonly idleUnloadMs: number;
  readonly compactAfterUpdates: number;
  readonly versions: { readonly idleMs: number; readonly intervalMs: number; readonly keep: number };
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Settings whose value an error message must not repeat: it would end up in logs and terminals. */
const SECRET_KEYS = new Set(['AUTH_SECRET', 'ADMIN_TOKEN']);

/** `KEY="value"` for an error message, without secrets: a secret's value is left out, a URL's password masked. */
export function describeValue(key: string, value: string): string {
  if (SECRET_KEYS.has(key)) return `${key} (${value.length} characters)`;
  return `${key}=${JSON.stringify(value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@'))}`;
}

/** Validates `env` and returns a frozen Config, or throws a ConfigError whose message is one line. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(
    Object.keys(schema.shape).flatMap((key) => (env[key] === undefined || env[key] === '' ? [] : [[key, env[key]]])),
  );
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? 'environment');
      return `${describeValue(key, present[key] ?? '')} is invalid (${issue.message})`;
    });
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  if (!LOOPBACK_HOSTS.has(e.HOST) && !e.AUTH_SECRET && !e.ALLOW_ANONYMOUS) {
    throw new ConfigError(
      `Invalid configuration: HOST=${e.HOST} is not a loopback address, so AUTH_SECRET must be set (or ALLOW_ANONYMOUS=true to serve without tokens)`,
    );
  }
  const origins = (e.ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of origins) {
    if (!/^https?:\/\/[^/]+$/.test(origin)) {
      throw new ConfigError(`Invalid configuration: ALLOWED_ORIGINS entry ${JSON.stringify(origin)} is not an origin like https://example.com`);
    }
  }
  return deepFreeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    databaseSchema: e.DATABASE_SCHEMA,
    redisUrl: e.REDIS_URL,
    authSecret: e.AUTH_SECRET,
    allowAnonymous: e.ALLOW_ANONYMOUS,
    adminToken: e.ADMIN_TOKEN,
    allowedOrigins: origins,
    limits: {
      maxMessageBytes: e.MAX_MESSAGE_BYTES,
      maxDocBytes: e.MAX_DOC_BYTES,
      rateMessages: e.RATE_LIMIT_MESSAGES,
      rateBytes: e.RATE_LIMIT_BYTES,
      maxConnectionsPerIp: e.MAX_CONNECTIONS_PER_IP,
      maxConnectionsPerDoc: e.MAX_CONNECTIONS_PER_DOC,
      maxBufferedBytes: e.MAX_BUFFERED_BYTES,
      maxAwarenessBytes: e.MAX_AWARENESS_BYTES,
      handshakeTimeoutMs: e.HANDSHAKE_TIMEOUT_MS,
    },
    pingIntervalMs: e.PING_INTERVAL_MS,
    idleUnloadMs: e.IDLE_UNLOAD_MS,
    compactAfterUpdates: e.COMPACT_AFTER_UPDATES,
    versions: { idleMs: e.AUTO_VERSION_IDLE_MS, intervalMs: e.AUTO_VERSION_INTERVAL_MS, keep: e.AUTO_VERSION_KEEP },
    logLevel: e.LOG_LEVEL,
  });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
