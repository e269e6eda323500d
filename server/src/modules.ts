// The optional route groups and room observers the production server runs with (admin API, user API, versions).
import type { RoomObserver } from './rooms/registry';
import type { RouteModule, ServerContext } from './server';

export const routeModules: RouteModule[] = [];

export const observerModules = (_ctx: ServerContext): RoomObserver[] => [];
