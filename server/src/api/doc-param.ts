// The `:doc` route parameter, checked against CONTRACT's document-name alphabet (400 naming what is wrong).
import type { Context } from 'hono';
import { parseDocName } from '../../../shared/doc-name';
import { badRequest } from '../errors';

export function docParam(c: Context): string {
  const parsed = parseDocName(c.req.param('doc') ?? '');
  if (!parsed.ok) throw badRequest(parsed.reason);
  return parsed.name;
}
