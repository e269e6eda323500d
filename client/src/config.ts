// The client's one reader of the page address: which screen to show, and the display name and token passed in the
// query. Everything else receives these values; no other module looks at `location`.
import { parseDocName } from '../../shared/doc-name';

export type Route =
  | { kind: 'home' }
  | { kind: 'doc'; docName: string }
  | { kind: 'bad-doc'; raw: string; reason: string }
  | { kind: 'not-found'; path: string };

export interface ClientConfig {
  readonly route: Route;
  /** `?name=`: a display name to use (and remember) instead of the stored one. */
  readonly nameParam: string | undefined;
  /** `?token=`: a JWT for the WebSocket and the user API. */
  readonly token: string | undefined;
  /** `ws(s)://<host>/collab`: y-websocket appends `/<doc>` to it. */
  readonly collabUrl: string;
  /** `http(s)://<host>`: for share links. */
  readonly origin: string;
}

type PageLocation = Pick<Location, 'pathname' | 'search' | 'protocol' | 'host' | 'origin'>;

export function readClientConfig(location: PageLocation): ClientConfig {
  const query = new URLSearchParams(location.search);
  return Object.freeze({
    route: routeFor(location.pathname),
    nameParam: nonEmpty(query.get('name')),
    token: nonEmpty(query.get('token')),
    collabUrl: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`,
    origin: location.origin,
  });
}

function routeFor(pathname: string): Route {
  if (pathname === '/' || pathname === '' || pathname === '/index.html') return { kind: 'home' };
  const match = /^\/d\/([^/]*)\/?$/.exec(pathname);
  if (match === null) return { kind: 'not-found', path: pathname };
  const raw = safeDecode(match[1] ?? '');
  const parsed = parseDocName(raw);
  return parsed.ok ? { kind: 'doc', docName: parsed.name } : { kind: 'bad-doc', raw, reason: parsed.reason };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A malformed %-escape is not a doc name either; parseDocName reports it with the raw text.
    return segment;
  }
}

function nonEmpty(value: string | null): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
