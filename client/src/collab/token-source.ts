// Where the page's token comes from and whether it can get a fresh one. A token passed only as `?token=` cannot be
// renewed by the page; with a token URL (`?tokenUrl=`), the site that issues tokens hands out a fresh one on request,
// authenticated by its own cookies. Holds the current token; asks for at most one fresh token at a time.
export interface TokenSource {
  /** The token to send now, if any. */
  current(): string | undefined;
  /**
   * A fresh token after the server rejected the current one, or null when this source cannot renew it (no token URL,
   * or the site refused: signed out, access revoked). Rejects with TokenRefreshError when the attempt failed and
   * may work later (network, server error, a malformed answer).
   */
  refresh(): Promise<string | null>;
}

export class TokenRefreshError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TokenRefreshError';
  }
}

export interface TokenSourceOptions {
  readonly token: string | undefined;
  /** Absolute, same-origin URL answering `{ "token": "…" }` (config.ts checks the origin). */
  readonly tokenUrl: string | undefined;
  readonly fetch?: typeof fetch;
}

export function createTokenSource({ token, tokenUrl, fetch: fetchFn = (input, init) => fetch(input, init) }: TokenSourceOptions): TokenSource {
  if (tokenUrl === undefined) return createUrlTokenSource(token);
  let currentToken = token;
  let inFlight: Promise<string | null> | null = null;

  const fetchToken = async (): Promise<string | null> => {
    let response: Response;
    try {
      response = await fetchFn(tokenUrl, { credentials: 'include', cache: 'no-store', headers: { Accept: 'application/json' } });
    } catch (cause) {
      throw new TokenRefreshError('Could not reach the token URL.', { cause });
    }
    // The site knows this person no longer gets a token: asking again will not change its mind.
    if (response.status === 401 || response.status === 403) return null;
    if (!response.ok) throw new TokenRefreshError(`The token URL answered ${response.status}.`);
    let body: unknown;
    try {
      body = await response.json();
    } catch (cause) {
      throw new TokenRefreshError('The token URL did not answer JSON.', { cause });
    }
    const fresh = (body as { token?: unknown } | null)?.token;
    if (typeof fresh !== 'string' || fresh.trim() === '') throw new TokenRefreshError('The token URL answered without a token.');
    currentToken = fresh.trim();
    return currentToken;
  };

  return {
    current: () => currentToken,
    refresh() {
      // The socket and a menu's API call can find the token expired at the same moment: one request serves both.
      inFlight ??= fetchToken().finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
  };
}

export function createUrlTokenSource(token: string | undefined): TokenSource {
  return {
    current: () => token,
    refresh: () => Promise.resolve(null),
  };
}
