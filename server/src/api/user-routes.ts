// The user API under /api: what the editor's own menus call (export, version history), authorized per document
// like the WebSocket. The routes themselves are shared with the admin API.
import { Hono } from 'hono';
import { DocumentService } from '../documents/document-service';
import type { RouteModule } from '../server';
import { VersionService } from '../versions/version-service';
import { registerDocRoutes, type DocEnv } from './doc-routes';
import { requireDocAccess } from './require-doc-access';

export const userRoutes: RouteModule = (ctx) => {
  const documents = new DocumentService(ctx);
  const versions = new VersionService({ ...ctx, documents });
  return (app) => {
    const api = new Hono<DocEnv>();
    api.use('/docs/:doc/*', requireDocAccess(ctx.verifier));
    registerDocRoutes(api, { documents, versions });
    app.route('/api', api);
  };
};
