// Access to /api/docs/<doc>/…, decided like the WebSocket's: with AUTH_SECRET set, a token (Authorization: Bearer
// or ?token=) for this doc is required, and only editors may write (every non-GET route writes); without it, everyone
// is an editor, named by ?name= or else "anonymous".
import type { MiddlewareHandler } from 'hono';
import type { TokenVerifier } from '../auth/tokens';
import { forbidden, unauthorized } from '../errors';
import { docParam } from './doc-param';
import { MAX_NAME_CHARS, type DocEnv } from './doc-routes';

const ANONYMOUS_AUTHOR = 'anonymous';

export function requireDocAccess(verifier: TokenVerifier | null): MiddlewareHandler<DocEnv> {
  return async (c, next) => {
    const doc = docParam(c);
    const isRead = c.req.method === 'GET' || c.req.method === 'HEAD';
    if (!verifier) {
      const name = c.req.query('name')?.trim().slice(0, MAX_NAME_CHARS);
      c.set('author', name || ANONYMOUS_AUTHOR);
      c.set('mayNameThemselves', true);
      return next();
    }
    const check = await verifier.verify(bearerToken(c.req.header('authorization')) ?? c.req.query('token'), doc);
    if (!check.ok) {
      if (check.reason === 'wrong-doc') throw forbidden(`this token does not give access to ${doc}`);
      throw unauthorized(check.reason === 'missing' ? 'a token is required' : `the token is ${check.reason}`);
    }
    if (!isRead && check.claims.role !== 'editor') throw forbidden('viewers may read but not change this document');
    c.set('author', check.claims.name ?? check.claims.sub);
    c.set('mayNameThemselves', false);
    return next();
  };
}

function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}
