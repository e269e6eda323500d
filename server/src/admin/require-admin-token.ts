// Bearer-token gate for /admin/*. Tokens are compared as SHA-256 digests with timingSafeEqual, so neither the
// comparison time nor a length mismatch tells a caller how much of a guess was right.
import type { MiddlewareHandler } from 'hono';
import { createHash, timingSafeEqual } from 'node:crypto';
import { unauthorized } from '../errors';

export function requireAdminToken(adminToken: string): MiddlewareHandler {
  const expected = digest(adminToken);
  return async (c, next) => {
    const header = c.req.header('authorization');
    const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
    if (!match?.[1]) throw unauthorized('an admin token is required: Authorization: Bearer <ADMIN_TOKEN>');
    if (!timingSafeEqual(digest(match[1]), expected)) throw unauthorized('the admin token is wrong');
    return next();
  };
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
