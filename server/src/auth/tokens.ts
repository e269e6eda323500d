// Access tokens: HS256 JWTs (jose) carrying sub, name, doc (name, prefix* or *), role and exp. Verification
// returns data, never throws; minting is for the admin CLI and tests.
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { z } from 'zod';
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
  sub: z.string().min(1).max(256),
  name: z.string().max(128).optional(),
  doc: z.string().min(1).max(129),
  role: z.enum(['editor', 'viewer']),
  exp: z.number(),
});

export class TokenVerifier {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  /** Checks `token` and that it grants access to `doc`. */
  async verify(token: string | null | undefined, doc: string): Promise<TokenCheck> {
    if (!token) return { ok: false, reason: 'missing' };
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], requiredClaims: ['exp'] }));
    } catch (error) {
      return { ok: false, reason: error instanceof joseErrors.JWTExpired ? 'expired' : 'invalid' };
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
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.sub)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + options.ttlSeconds)
    .sign(new TextEncoder().encode(options.secret));
}
