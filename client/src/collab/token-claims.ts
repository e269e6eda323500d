// What the page can read from its own token without verifying it (the server verifies): the role, to hide editing
// controls from viewers up front, and the display name claim. A token that does not decode yields no claims.
export interface TokenClaims {
  readonly role?: 'editor' | 'viewer';
  readonly name?: string;
  /** Expiry, seconds since epoch. */
  readonly exp?: number;
}

export function readTokenClaims(token: string | undefined): TokenClaims {
  const payload = token?.split('.')[1];
  if (payload === undefined) return {};
  let decoded: unknown;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    decoded = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    // Not a JWT we can read; the server will say what it thinks of it when the socket opens.
    return {};
  }
  if (typeof decoded !== 'object' || decoded === null) return {};
  const { role, name, exp } = decoded as Record<string, unknown>;
  return {
    ...(role === 'editor' || role === 'viewer' ? { role } : {}),
    ...(typeof name === 'string' ? { name } : {}),
    ...(typeof exp === 'number' ? { exp } : {}),
  };
}
