// The admin CLI's HTTP client for /admin/*: adds the bearer token and turns every failure into one readable
// CliError (server down, token rejected, unknown document, refused request).
import type { CliConfig } from './cli-config';
import { CliError } from './cli-error';

export class AdminClient {
  constructor(private readonly config: CliConfig) {}

  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const init: RequestInit = { method };
    if (body !== undefined) init.body = JSON.stringify(body);
    const res = await this.request(path, init, body === undefined ? {} : { 'Content-Type': 'application/json' });
    return (await res.json()) as T;
  }

  async bytes(path: string): Promise<Uint8Array> {
    return new Uint8Array(await (await this.request(path, { method: 'GET' })).arrayBuffer());
  }

  async put<T>(path: string, body: Uint8Array<ArrayBuffer>, contentType: string): Promise<T> {
    const res = await this.request(path, { method: 'PUT', body }, { 'Content-Type': contentType });
    return (await res.json()) as T;
  }

  private async request(path: string, init: RequestInit, headers: Record<string, string> = {}): Promise<Response> {
    const { token, source } = this.config.adminToken();
    const url = `${this.config.serverUrl}${path}`;
    let res: Response;
    try {
      res = await fetch(url, { ...init, headers: { ...headers, Authorization: `Bearer ${token}` } });
    } catch (cause) {
      throw new CliError(describeFetchFailure(cause, this.config.serverUrl, init.body), 1, { cause });
    }
    if (res.ok) return res;
    const message = await errorMessage(res);
    if (res.status === 401) throw new CliError(`admin token rejected: ${message} (token from ${source})`);
    throw new CliError(message);
  }
}

/** Error codes of a connection that was never made: nothing listens there, or the name does not resolve. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT']);

/**
 * One line for a request that got no answer. A connection that was made and then broke off is not a server that is
 * down: while a large body was being sent, it is most likely a server that refused its size and stopped reading.
 */
export function describeFetchFailure(failure: unknown, serverUrl: string, body: RequestInit['body']): string {
  const code = errorCode(failure);
  if (code === undefined || UNREACHABLE_CODES.has(code)) return `cannot reach Tandem at ${serverUrl}: is it running?`;
  const sent = body instanceof Uint8Array && body.byteLength >= 1_000_000 ? ` while sending ${megabytes(body.byteLength)}` : '';
  const hint = sent === '' ? '' : ': the server may refuse a body that large (its MAX_DOC_BYTES)';
  return `the connection to Tandem at ${serverUrl} broke off${sent} (${code})${hint}`;
}

/** The system error code of a failed fetch: on the error, its cause, or the first of an AggregateError's errors. */
function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current instanceof AggregateError && current.errors.length > 0 ? current.errors[0] : current.cause;
  }
  return undefined;
}

function megabytes(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MB`;
}

/** The server's `{ error: { message } }`, or the status line when the answer is not ours (a proxy's page). */
async function errorMessage(res: Response): Promise<string> {
  const text = await res.text();
  try {
    const message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
    if (typeof message === 'string' && message !== '') return message;
  } catch {
    // Not JSON: fall through to the status line.
  }
  return `the server answered ${res.status} ${res.statusText}`.trim();
}
