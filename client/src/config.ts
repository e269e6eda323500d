// The client's one reader of the page address: which screen to show, and the display name, token and token URL
// passed in the query. Everything else receives these values; no other module looks at `location`.
import { parseDocName, type DocNameProblem } from '../../shared/doc-name';
import { filterQuery } from './query-filter';

export type Route =
  | { kind: 'home' }
  | { kind: 'doc'; docName: string }
  | { kind: 'bad-doc'; raw: string; problem: DocNameProblem }
  | { kind: 'not-found'; path: string };

export interface ClientConfig {
  readonly route: Route;
  /** `?name=`: a display name to use (and remember) instead of the stored one. */
  readonly nameParam: string | undefined;
  /**
   * The page's address (path, query, hash) without `?name=`, when it has one: once the name is remembered, the
   * editor puts this in the address bar, so that a reload does not undo a rename. Undefined when there is no name.
   */
  readonly addressWithoutName: string | undefined;
  /** `?token=`: a JWT for the WebSocket and the user API. */
  readonly token: string | undefined;
  /**
   * `?tokenUrl=`: a same-origin path or URL that answers `{ "token": "…" }` with a fresh token (the site's cookies
   * decide whose), asked when the server refuses the current one. Resolved to an absolute URL; ignored if cross-origin.
   */
  readonly tokenUrl: string | undefined;
  /** `ws(s)://<host>/collab`: y-websocket appends `/<doc>` to it. */
  readonly collabUrl: string;
  /** `http(s)://<host>`: for share links. */
  readonly origin: string;
}

type PageLocation = Pick<Location, 'pathname' | 'search' | 'hash' | 'protocol' | 'host' | 'origin'>;

export function readClientConfig(location: PageLocation): ClientConfig {
  const query = new URLSearchParams(location.search);
  return Object.freeze({
    route: routeFor(location.pathname),
    nameParam: nonEmpty(query.get('name')),
    addressWithoutName: query.has('name') ? addressWithout('name', location) : undefined,
    token: nonEmpty(query.get('token')),
    tokenUrl: sameOriginUrl(query.get('tokenUrl'), location.origin),
    collabUrl: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`,
    origin: location.origin,
  });
}

function addressWithout(param: string, { pathname, search, hash }: PageLocation): string {
  const kept = filterQuery(search, (other) => other !== param);
  return `${pathname}${kept === '' ? '' : `?${kept}`}${hash}`;
}

function routeFor(pathname: string): Route {
  if (pathname === '/' || pathname === '' || pathname === '/index.html') return { kind: 'home' };
  const match = /^\/d\/([^/]*)\/?$/.exec(pathname);
  if (match === null) return { kind: 'not-found', path: pathname };
  const raw = safeDecode(match[1] ?? '');
  const parsed = parseDocName(raw);
  return parsed.ok ? { kind: 'doc', docName: parsed.name } : { kind: 'bad-doc', raw, problem: parsed.problem };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A malformed %-escape is not a doc name either; parseDocName reports it with the raw text.
    return segment;
  }
}

/**
 * A link must not be able to make the page send this person's cookies to another site, nor take tokens from one:
 * only URLs on the page's own origin are used.
 */
function sameOriginUrl(value: string | null, origin: string): string | undefined {
  const raw = nonEmpty(value);
  if (raw === undefined) return undefined;
  try {
    const url = new URL(raw, origin);
    return url.origin === origin ? url.href : undefined;
  } catch {
    // Not a URL at all: the same as none, the page falls back to a token that cannot be renewed.
    return undefined;
  }
}

function nonEmpty(value: string | null): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
