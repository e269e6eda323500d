// The editor's client for CONTRACT's user API (/api/docs/<doc>/…): export and version history. Sends the page's
// token as a bearer token when there is one (renewing it once on a 401), and turns `{ error: { code, message } }`
// bodies into ApiError.
import type { ExportFormat as SharedExportFormat } from '../../../shared/export-formats';
import type { TokenSource } from '../collab/token-source';

/** What the editor's Download menu offers: every export format but the raw Yjs state. */
export type ExportFormat = Exclude<SharedExportFormat, 'yjs'>;

export interface Snapshot {
  readonly id: string;
  readonly label: string | null;
  /** ms since epoch. */
  readonly createdAt: number;
  readonly bytes: number;
  readonly author: string | null;
  readonly kind: string | null;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ApiError';
  }
}

export interface DocApi {
  exportDoc(format: ExportFormat): Promise<Blob>;
  /** Newest first. */
  listSnapshots(): Promise<Snapshot[]>;
  createSnapshot(label: string): Promise<void>;
  exportSnapshotHtml(id: string): Promise<string>;
  /** Resolves with the id of the version the server kept of the content just before (to undo the restore). */
  restoreSnapshot(id: string): Promise<string | null>;
}

export interface DocApiDeps {
  readonly docName: string;
  readonly tokenSource: TokenSource;
  /** The display name to record as a version's author when the server has no token to take it from. */
  readonly authorName?: () => string;
  readonly fetch?: typeof fetch;
}

export function createDocApi({ docName, tokenSource, authorName, fetch: fetchFn = (input, init) => fetch(input, init) }: DocApiDeps): DocApi {
  const base = `/api/docs/${encodeURIComponent(docName)}`;
  const send = async (path: string, init: RequestInit, token: string | undefined): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (token !== undefined) headers.set('Authorization', `Bearer ${token}`);
    try {
      return await fetchFn(`${base}${path}`, { ...init, headers });
    } catch (cause) {
      throw new ApiError('Could not reach the server. Check your connection and try again.', 0, 'network', { cause });
    }
  };
  const request = async (path: string, init: RequestInit = {}): Promise<Response> => {
    let response = await send(path, init, tokenSource.current());
    // An expired token: renew it once and repeat the request (bodies here are strings, safe to send again).
    if (response.status === 401) {
      const fresh = await renewedToken(tokenSource);
      if (fresh !== null) response = await send(path, init, fresh);
    }
    if (!response.ok) throw await errorFrom(response);
    return response;
  };
  const snapshotPath = (id: string) => `/snapshots/${encodeURIComponent(id)}`;

  return {
    exportDoc: async (format) => (await request(`/export?format=${format}`)).blob(),
    listSnapshots: async () => parseSnapshots(await (await request('/snapshots')).json()),
    createSnapshot: async (label) => {
      await request('/snapshots', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ label, name: authorName?.() }) });
    },
    exportSnapshotHtml: async (id) => (await request(`${snapshotPath(id)}/export?format=html`)).text(),
    restoreSnapshot: async (id) => {
      const body = JSON.stringify({ name: authorName?.() });
      const response = await request(`${snapshotPath(id)}/restore`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      return previousVersionId(await response.json().catch(() => null));
    },
  };
}

async function renewedToken(tokenSource: TokenSource): Promise<string | null> {
  try {
    return await tokenSource.refresh();
  } catch (error) {
    // The renewal failed (network, the token URL's server): report the original 401 rather than this.
    console.warn('tandem: token refresh failed', error);
    return null;
  }
}

async function errorFrom(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's error page, an empty 502): fall back to the status line below.
    body = undefined;
  }
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  // The server words a 404 for API callers ("no document named x"); people get a sentence of their own.
  const serverMessage = response.status !== 404 && typeof error?.message === 'string' && error.message !== '' ? error.message : null;
  const message = serverMessage === null ? fallbackMessage(response.status) : asSentence(serverMessage);
  const code = typeof error?.code === 'string' ? error.code : `http_${response.status}`;
  return new ApiError(message, response.status, code);
}

/** "the token is expired" → "The token is expired." */
function asSentence(text: string): string {
  const capitalized = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capitalized) ? capitalized : `${capitalized}.`;
}

function fallbackMessage(status: number): string {
  if (status === 401 || status === 403) return 'You do not have access to do that.';
  if (status === 404) return 'The server does not have this document (or version) any more. It may have been deleted.';
  return `The server answered with an error (${status}).`;
}

/** `previous.id` of a restore's answer, or null when the answer does not have one. */
function previousVersionId(answer: unknown): string | null {
  const previous = (answer as { previous?: { id?: unknown } } | null)?.previous;
  return typeof previous?.id === 'string' || typeof previous?.id === 'number' ? String(previous.id) : null;
}

function parseSnapshots(value: unknown): Snapshot[] {
  if (!Array.isArray(value)) throw new ApiError('The server sent an unexpected version list.', 200, 'bad_response');
  const snapshots: Snapshot[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const raw = item as Record<string, unknown>;
    const id = typeof raw.id === 'string' || typeof raw.id === 'number' ? String(raw.id) : null;
    const createdAt = typeof raw.createdAt === 'number' ? raw.createdAt : typeof raw.createdAt === 'string' ? Date.parse(raw.createdAt) : NaN;
    if (id === null || Number.isNaN(createdAt)) continue;
    snapshots.push({
      id,
      label: typeof raw.label === 'string' && raw.label.trim() !== '' ? raw.label : null,
      createdAt,
      bytes: typeof raw.bytes === 'number' ? raw.bytes : 0,
      author: typeof raw.author === 'string' && raw.author !== '' ? raw.author : null,
      kind: typeof raw.kind === 'string' ? raw.kind : null,
    });
  }
  return snapshots.sort((a, b) => b.createdAt - a.createdAt);
}
