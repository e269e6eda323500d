// Turns what someone typed into a link target, or refuses it. Only web, mail and phone links: a `javascript:` URL
// in a shared document would run in every collaborator's browser when clicked.
const allowedSchemes = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/** `example.com/x` → `https://example.com/x`; null for empty, malformed or disallowed input. */
export function toLinkUrl(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed === '' || /\s/.test(trimmed)) return null;
  const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed);
  const candidate = hasScheme ? trimmed : `https://${trimmed.replace(/^\/\//, '')}`;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    // Not parseable as a URL: the caller shows "not a valid link".
    return null;
  }
  if (!allowedSchemes.has(url.protocol)) return null;
  if ((url.protocol === 'http:' || url.protocol === 'https:') && !url.hostname.includes('.') && url.hostname !== 'localhost') return null;
  return hasScheme ? trimmed : url.href;
}

export function isSafeLinkUrl(url: string): boolean {
  return toLinkUrl(url) === url.trim();
}
