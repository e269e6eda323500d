// `token --doc <pattern> --role editor|viewer [--name N] [--sub id] [--ttl 1h]`: mints an access token locally with
// AUTH_SECRET (the server's secret); no server is contacted.
import { randomUUID } from 'node:crypto';
import { parseDocName } from '../../../../shared/doc-name';
import { mintToken } from '../../auth/tokens';
import { MIN_SECRET_LENGTH } from '../../config';
import { CliError, usageError } from '../cli-error';
import { println, type Command } from '../command';

const TTL_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };
const DEFAULT_TTL = '1h';

export const tokenCommand: Command = {
  name: 'token',
  usage: 'token --doc <name|prefix*|*> --role editor|viewer [--name N] [--sub id] [--ttl 1h]',
  summary: 'mint an access token with AUTH_SECRET (for ?token= links)',
  positionals: [],
  isLocal: true,
  options: {
    doc: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
    sub: { type: 'string' },
    ttl: { type: 'string' },
  },
  async run({ values, config, io }) {
    const doc = docPattern(values.doc);
    const role = values.role;
    if (role !== 'editor' && role !== 'viewer') throw usageError('--role must be editor or viewer');
    const ttlSeconds = parseTtl(typeof values.ttl === 'string' ? values.ttl : DEFAULT_TTL);
    const name = typeof values.name === 'string' && values.name !== '' ? values.name : undefined;
    const sub = typeof values.sub === 'string' && values.sub !== '' ? values.sub : randomUUID();
    if (!config.authSecret) {
      throw new CliError('AUTH_SECRET is not set: tokens are signed with the server\'s AUTH_SECRET, so set the same value here');
    }
    if (config.authSecret.length < MIN_SECRET_LENGTH) {
      // The server refuses to start with such a secret, so a token signed with it could never be accepted.
      throw new CliError(`AUTH_SECRET is invalid (must be at least ${MIN_SECRET_LENGTH} characters, as the server requires)`, 2);
    }
    const token = await mintToken({ secret: config.authSecret, sub, doc, role, ttlSeconds, ...(name === undefined ? {} : { name }) });
    if (values.json) {
      const expiresAt = new Date(Date.now() + ttlSeconds * 1000).toISOString();
      return println(io, JSON.stringify({ token, doc, role, sub, name: name ?? null, expiresAt }));
    }
    println(io, token);
  },
};

function docPattern(raw: unknown): string {
  if (typeof raw !== 'string' || raw === '') throw usageError('--doc is required: a document name, a prefix ending in *, or *');
  const prefix = raw.endsWith('*') ? raw.slice(0, -1) : raw;
  if (prefix === '') return raw;
  const parsed = parseDocName(prefix);
  if (!parsed.ok) throw usageError(`--doc ${raw}: ${parsed.reason}`);
  return raw;
}

/** "90", "90s", "30m", "1h", "7d" → seconds. */
function parseTtl(raw: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(raw.trim());
  const seconds = match ? Number(match[1]) * (TTL_UNITS[match[2] || 's'] ?? 1) : 0;
  if (!Number.isSafeInteger(seconds) || seconds <= 0) throw usageError(`--ttl ${raw} is not a duration like 90s, 30m, 1h or 7d`);
  return seconds;
}
