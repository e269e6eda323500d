// The methods a path has routes for, read from the app's own route table, so a request with another method can be
// answered 405 with an Allow header ("POST /admin/docs" has no route, but GET has) rather than a bare 404.
// Catch-all routes (the static files under "/*") and middleware ("ALL") do not count: they match every path.

/** One row of Hono's `app.routes`. */
export interface RouteRow {
  readonly method: string;
  readonly path: string;
}

interface RouteMatcher {
  readonly method: string;
  readonly pattern: RegExp;
}

const CATCH_ALL_PATHS = new Set(['*', '/*']);

/** A path pattern ("/admin/docs/:doc/export", "/collab/*", ":id{[0-9]+}") as an anchored regular expression. */
function patternOf(routePath: string): RegExp {
  const segments = routePath.split('/').map((segment) => {
    if (segment === '*') return '.*';
    const param = /^:\w+(?:\{(.+)\})?\??$/.exec(segment);
    if (param) return param[1] === undefined ? '[^/]+' : `(?:${param[1]})`;
    return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  });
  return new RegExp(`^${segments.join('/')}/?$`);
}

export class AllowedMethods {
  private matchers: RouteMatcher[] | null = null;

  /** `routes` is read on first use, once every route is registered. */
  constructor(private readonly routes: () => readonly RouteRow[]) {}

  /** The methods with a route for `path`, sorted, HEAD beside GET; empty when no route has this path. */
  of(path: string): string[] {
    this.matchers ??= this.routes()
      .filter((route) => route.method !== 'ALL' && !CATCH_ALL_PATHS.has(route.path))
      .map((route) => ({ method: route.method.toUpperCase(), pattern: patternOf(route.path) }));
    const methods = new Set(this.matchers.filter((matcher) => matcher.pattern.test(path)).map((matcher) => matcher.method));
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  }
}
