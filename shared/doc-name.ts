// Document names: the URL-safe alphabet of CONTRACT.md, checked identically by the server and the client.

/** What is wrong with a name: the server says it in `reason`, the pages in their own words (doc-name-problem.ts). */
export type DocNameProblem = 'empty' | 'too-long' | 'leading-dot' | 'characters';

export type DocNameResult = { ok: true; name: string } | { ok: false; problem: DocNameProblem; reason: string };

const DOC_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

export function parseDocName(raw: string): DocNameResult {
  if (DOC_NAME.test(raw)) return { ok: true, name: raw };
  if (raw.length === 0) return { ok: false, problem: 'empty', reason: 'document name is empty' };
  if (raw.length > 128) return { ok: false, problem: 'too-long', reason: 'document name is longer than 128 characters' };
  if (raw.startsWith('.')) return { ok: false, problem: 'leading-dot', reason: 'document name may not start with "."' };
  return { ok: false, problem: 'characters', reason: 'document name may contain only A-Z a-z 0-9 . _ -' };
}
