// loadConfig: defaults, every bad value reported in one line naming its variable, and the safety rules.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

function problemOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('serves loopback on SQLite in ./data with no variables set, and freezes the result', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8787, host: '127.0.0.1', dataDir: './data', databaseUrl: undefined, redisUrl: undefined });
    expect(Object.isFrozen(config.limits)).toBe(true);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', REDIS_URL: '' })).toMatchObject({ port: 8787, redisUrl: undefined });
  });

  it('names every bad variable, its value and what it accepts, on one line', () => {
    const message = problemOf({ PORT: 'abc', RATE_LIMIT_BYTES: '-1', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' });
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toContain('PORT="abc" is invalid (must be a whole number from 0 to 65535)');
    expect(message).toContain('RATE_LIMIT_BYTES="-1" is invalid (must be a whole number above 0)');
    expect(message).toContain('LOG_LEVEL="loud" is invalid (must be one of debug, info, warn, error)');
    expect(message).toContain('DATABASE_URL="mysql://x" is invalid (must start with postgres://)');
  });

  it('says what a setting accepts however the value misses it, in words of its own rather than the validator\'s', () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ PORT: '99999' }, 'PORT="99999" is invalid (must be a whole number from 0 to 65535)'],
      [{ PORT: '80.5' }, 'PORT="80.5" is invalid (must be a whole number from 0 to 65535)'],
      // Forms JavaScript's Number() would read as a number: a space (0, any free port), hex and exponents.
      [{ PORT: ' ' }, 'PORT=" " is invalid (must be a whole number from 0 to 65535)'],
      [{ PORT: '0x22b8' }, 'PORT="0x22b8" is invalid (must be a whole number from 0 to 65535)'],
      [{ PORT: '1e3' }, 'PORT="1e3" is invalid (must be a whole number from 0 to 65535)'],
      [{ IDLE_UNLOAD_MS: '1e3' }, 'IDLE_UNLOAD_MS="1e3" is invalid (must be a whole number of milliseconds, 0 or more)'],
      [{ MAX_MESSAGE_BYTES: '1x' }, 'MAX_MESSAGE_BYTES="1x" is invalid (must be a whole number above 0)'],
      [{ MAX_MESSAGE_BYTES: '0' }, 'MAX_MESSAGE_BYTES="0" is invalid (must be a whole number above 0)'],
      [{ IDLE_UNLOAD_MS: '-5' }, 'IDLE_UNLOAD_MS="-5" is invalid (must be a whole number of milliseconds, 0 or more)'],
      [{ ALLOW_ANONYMOUS: 'yes' }, 'ALLOW_ANONYMOUS="yes" is invalid (must be true or false)'],
    ];
    for (const [env, expected] of cases) expect(problemOf(env)).toBe(`Invalid configuration: ${expected}`);
  });

  it('never repeats a secret in its message, nor the password in a URL', () => {
    const message = problemOf({ ADMIN_TOKEN: 'hunter2', AUTH_SECRET: 'short-secret', DATABASE_URL: 'mysql://app:pa55word@db/x' });
    expect(message).toContain('ADMIN_TOKEN (7 characters) is invalid (must be at least 16 characters)');
    expect(message).toContain('AUTH_SECRET (12 characters) is invalid (must be at least 16 characters)');
    expect(message).toContain('DATABASE_URL="mysql://app:***@db/x" is invalid');
    for (const secret of ['hunter2', 'short-secret', 'pa55word']) expect(message).not.toContain(secret);
  });

  it('accepts exactly true or false for booleans', () => {
    expect(loadConfig({ ALLOW_ANONYMOUS: 'false' }).allowAnonymous).toBe(false);
    expect(problemOf({ ALLOW_ANONYMOUS: 'yes' })).toContain('ALLOW_ANONYMOUS="yes" is invalid');
  });

  it('refuses a public HOST without AUTH_SECRET unless anonymous access is asked for', () => {
    expect(problemOf({ HOST: '0.0.0.0' })).toMatch(/HOST=0\.0\.0\.0 is not a loopback address, so AUTH_SECRET must be set/);
    expect(loadConfig({ HOST: '0.0.0.0', ALLOW_ANONYMOUS: 'true' }).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0', AUTH_SECRET: 'a-secret-of-16-chars' }).authSecret).toBe('a-secret-of-16-chars');
  });

  it('refuses an allowed origin that is not scheme://host', () => {
    expect(problemOf({ ALLOWED_ORIGINS: 'https://ok.example, example.com/path' })).toContain('"example.com/path" is not an origin');
  });
});
