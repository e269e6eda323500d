// Request-body size limits for the document APIs, checked while the body streams in (before it is buffered
// whole) and answered as the typed 413.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { TandemError } from '../errors';

/** Small JSON bodies (a version label, a name). */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

export function limitBody(maxBytes: number, limitName: string): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      // No `Connection: close`: closing at once broke the connection off while the client was still sending, and
      // it got no answer at all. The server (@hono/node-server) reads the rest of the body through and drops it,
      // within its own bounds of time and bytes, so the client reads this answer.
      throw new TandemError('too_large', `the body is larger than ${limitName} (${maxBytes} bytes)`);
    },
  });
}
