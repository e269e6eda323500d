// The admin API under /admin (CONTRACT): every document, whole-document import and delete, plus the export and
// version routes the user API has, all behind the admin bearer token. Versions made here are authored by "admin".
import { Hono } from 'hono';
import { docParam } from '../api/doc-param';
import { registerDocRoutes, type DocEnv } from '../api/doc-routes';
import { limitBody } from '../api/limit-body';
import { parseImportFormat } from '../documents/document-format';
import { DocumentService } from '../documents/document-service';
import type { RouteModule } from '../server';
import { VersionService } from '../versions/version-service';
import { requireAdminToken } from './require-admin-token';

const ADMIN_AUTHOR = 'admin';

export const adminRoutes: RouteModule = (ctx) => {
  const documents = new DocumentService(ctx);
  const versions = new VersionService({ ...ctx, documents });
  return (app) => {
    const admin = new Hono<DocEnv>();
    admin.use('*', requireAdminToken(ctx.adminToken));
    admin.use('*', async (c, next) => {
      c.set('author', ADMIN_AUTHOR);
      c.set('mayNameThemselves', false);
      return next();
    });

    admin.get('/docs', async (c) => c.json(await documents.list()));

    admin.put('/docs/:doc/import', limitBody(ctx.config.limits.maxDocBytes, 'MAX_DOC_BYTES'), async (c) => {
      const doc = docParam(c);
      const format = parseImportFormat(c.req.query('format'));
      const body = new Uint8Array(await c.req.arrayBuffer());
      return c.json(await documents.importDoc(doc, format, body));
    });

    admin.delete('/docs/:doc', async (c) => {
      const doc = docParam(c);
      await documents.deleteDoc(doc);
      return c.json({ name: doc, deleted: true });
    });

    registerDocRoutes(admin, { documents, versions });
    app.route('/admin', admin);
  };
};
