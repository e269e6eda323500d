// Which browser origins may open a WebSocket. Requests without an Origin header (non-browser clients) pass;
// they still need a token when AUTH_SECRET is set.
export function createOriginPolicy(allowed: readonly string[]): (origin: string | undefined, host: string | undefined) => boolean {
  const explicit = new Set(allowed.map((o) => o.toLowerCase()));
  return (origin, host) => {
    if (origin === undefined) return true;
    const normalized = origin.toLowerCase();
    if (explicit.size > 0) return explicit.has(normalized);
    let url: URL;
    try {
      url = new URL(normalized);
    } catch {
      return false;
    }
    if (host !== undefined && url.host === host.toLowerCase()) return true;
    return url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  };
}
