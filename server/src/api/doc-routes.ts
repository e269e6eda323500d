// The document routes the admin API and the user API share (export and version history), registered on a router
// whose access middleware has already decided who the caller is and whether they may write.
import type { Hono } from 'hono';
import { parseExportFormat } from '../documents/document-format';
import type { DocumentService } from '../documents/document-service';
import type { VersionService } from '../versions/version-service';
import { docParam } from './doc-param';
import { limitBody, MAX_JSON_BODY_BYTES } from './limit-body';
import { optionalText, readJsonObject } from './read-json-object';
import { sendDocument } from './send-document';
import { MAX_VERSION_LABEL_CHARS } from '../../../shared/restore-labels';

export interface DocEnv {
  Variables: {
    /** Recorded as the author of versions the caller makes. */
    author: string;
    /** True when the caller is anonymous, so a `name` field in the body may say who they are. */
    mayNameThemselves: boolean;
  };
}

export interface DocRouteDeps {
  documents: DocumentService;
  versions: VersionService;
}

export const MAX_NAME_CHARS = 128;

export function registerDocRoutes(router: Hono<DocEnv>, { documents, versions }: DocRouteDeps): void {
  const jsonBody = limitBody(MAX_JSON_BODY_BYTES, 'the limit for JSON bodies');

  router.get('/docs/:doc/export', async (c) => {
    const doc = docParam(c);
    const format = parseExportFormat(c.req.query('format'));
    return sendDocument(c, await documents.exportDoc(doc, format), format, doc);
  });

  router.get('/docs/:doc/snapshots', async (c) => c.json(await versions.list(docParam(c))));

  router.post('/docs/:doc/snapshots', jsonBody, async (c) => {
    const doc = docParam(c);
    const body = await readJsonObject(c);
    const label = optionalText(body, 'label', MAX_VERSION_LABEL_CHARS);
    return c.json(await versions.create(doc, { label, author: authorOf(c.var, body) }), 201);
  });

  router.get('/docs/:doc/snapshots/:id/export', async (c) => {
    const doc = docParam(c);
    const id = c.req.param('id');
    const format = parseExportFormat(c.req.query('format'));
    return sendDocument(c, await versions.exportVersion(doc, id, format), format, `${doc}-${id}`);
  });

  router.post('/docs/:doc/snapshots/:id/restore', jsonBody, async (c) => {
    const doc = docParam(c);
    const body = await readJsonObject(c);
    return c.json(await versions.restore(doc, c.req.param('id'), authorOf(c.var, body)));
  });
}

function authorOf(vars: DocEnv['Variables'], body: Record<string, unknown>): string {
  if (!vars.mayNameThemselves) return vars.author;
  return optionalText(body, 'name', MAX_NAME_CHARS) ?? vars.author;
}
