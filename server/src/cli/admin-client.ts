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
      throw new CliError(`cannot reach Tandem at ${this.config.serverUrl}: is it running?`, 1, { cause });
    }
    if (res.ok) return res;
    const message = await errorMessage(res);
    if (res.status === 401) throw new CliError(`admin token rejected: ${message} (token from ${source})`);
    throw new CliError(message);
  }
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
