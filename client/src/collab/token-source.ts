// Where the page's token comes from and whether it can get a fresh one. A token passed as `?token=` cannot be
// renewed by the page; a future source (a login session, an embedding app) implements `refresh` for real.
export interface TokenSource {
  /** The token to send now, if any. */
  current(): string | undefined;
  /** A fresh token after the server rejected the current one, or null when this source cannot renew it. */
  refresh(): Promise<string | null>;
}

export function createUrlTokenSource(token: string | undefined): TokenSource {
  return {
    current: () => token,
    refresh: () => Promise.resolve(null),
  };
}
