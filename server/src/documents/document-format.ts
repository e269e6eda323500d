// The formats a document is exported and imported in: their names as the HTTP APIs and the CLI spell them, their
// content types and file extensions. Parsing a format is where a wrong one becomes a 400 naming the choices.
import { badRequest } from '../errors';

export const exportFormats = ['yjs', 'json', 'markdown', 'html', 'text'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** HTML and plain text lose structure, so they are export-only. */
export const importFormats = ['markdown', 'json', 'yjs'] as const;
export type ImportFormat = (typeof importFormats)[number];

export const formatContentType: Readonly<Record<ExportFormat, string>> = {
  yjs: 'application/octet-stream',
  json: 'application/json',
  markdown: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  text: 'text/plain; charset=utf-8',
};

export const formatExtension: Readonly<Record<ExportFormat, string>> = {
  yjs: 'yjs',
  json: 'json',
  markdown: 'md',
  html: 'html',
  text: 'txt',
};

export function parseExportFormat(raw: string | undefined): ExportFormat {
  return parseFormat(raw, exportFormats, 'export');
}

export function parseImportFormat(raw: string | undefined): ImportFormat {
  return parseFormat(raw, importFormats, 'import');
}

function parseFormat<F extends string>(raw: string | undefined, allowed: readonly F[], what: string): F {
  if (raw !== undefined && (allowed as readonly string[]).includes(raw)) return raw as F;
  const choices = allowed.join(', ');
  if (raw === undefined || raw === '') throw badRequest(`format is required: ?format= one of ${choices}`);
  throw badRequest(`cannot ${what} format ${JSON.stringify(raw)}: use one of ${choices}`);
}
