// The optional route groups and room observers the production server runs with (admin API, user API, versions).
import { adminRoutes } from './admin/admin-routes';
import { userRoutes } from './api/user-routes';
import type { RoomObserver } from './rooms/registry';
import type { RouteModule, ServerContext } from './server';
import { AutoVersioner } from './versions/auto-versioner';

export const routeModules: RouteModule[] = [adminRoutes, userRoutes];

export const observerModules = (ctx: ServerContext): RoomObserver[] => [
  new AutoVersioner({
    store: ctx.store,
    metrics: ctx.metrics,
    logger: ctx.logger,
    ...ctx.config.versions,
    isReplacing: (doc) => ctx.replacements.isReplacing(doc),
    whenNoReplacementAnywhere: (doc, read) => ctx.fanout.whenQuiet(doc, read),
  }),
];
