// Access tokens: HS256 JWTs (jose) carrying sub, name, doc (name, prefix* or *), role and exp. Verification
// returns data, never throws; minting is for the admin CLI and tests. jose is loaded only where tokens are used (a
// server with AUTH_SECRET, the CLI), so a server without one does not hold its code.
import * as z from 'zod/mini';
import type { Role } from '../rooms/session';

export interface AccessClaims {
  sub: string;
  name: string | null;
  doc: string;
  role: Role;
  /** Expiry, seconds since the epoch: live connections end when it passes. */
  exp: number;
}

export type TokenCheck =
  | { ok: true; claims: AccessClaims }
  | { ok: false; reason: 'missing' | 'invalid' | 'expired' | 'wrong-doc' };

const claimsSchema = z.object({
  sub: z.string().check(z.minLength(1), z.maxLength(256)),
  name: z.optional(z.string().check(z.maxLength(128))),
  doc: z.string().check(z.minLength(1), z.maxLength(129)),
  role: z.enum(['editor', 'viewer']),
  exp: z.number(),
});

type Jose = typeof import('jose');
let jose: Promise<Jose> | undefined;

function loadJose(): Promise<Jose> {
  jose ??= import('jose');
  return jose;
}

export class TokenVerifier {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
    loadJose().catch(() => undefined); // starts loading now, so the first connection does not wait (a failure shows in verify)
  }

  /** Checks `token` and that it grants access to `doc`. */
  async verify(token: string | null | undefined, doc: string): Promise<TokenCheck> {
    if (!token) return { ok: false, reason: 'missing' };
    const { jwtVerify, errors } = await loadJose();
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], requiredClaims: ['exp'] }));
    } catch (error) {
      return { ok: false, reason: error instanceof errors.JWTExpired ? 'expired' : 'invalid' };
    }
    const parsed = claimsSchema.safeParse(payload);
    if (!parsed.success) return { ok: false, reason: 'invalid' };
    const { sub, name, doc: pattern, role, exp } = parsed.data;
    const claims: AccessClaims = { sub, name: name ?? null, doc: pattern, role, exp };
    if (!docMatches(claims.doc, doc)) return { ok: false, reason: 'wrong-doc' };
    return { ok: true, claims };
  }
}

/** `pattern` is a doc name, a prefix ending in `*`, or `*`. */
export function docMatches(pattern: string, doc: string): boolean {
  if (pattern.endsWith('*')) return doc.startsWith(pattern.slice(0, -1));
  return pattern === doc;
}

export interface MintOptions {
  secret: string;
  sub: string;
  name?: string;
  doc: string;
  role: Role;
  /** Lifetime in seconds. */
  ttlSeconds: number;
}

export async function mintToken(options: MintOptions): Promise<string> {
  const claims: Record<string, string> = { doc: options.doc, role: options.role };
  if (options.name) claims.name = options.name;
  const { SignJWT } = await loadJose();
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.sub)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + options.ttlSeconds)
    .sign(new TextEncoder().encode(options.secret));
}
