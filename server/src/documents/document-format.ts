// The formats a document is exported and imported in (the table is shared with the browser: shared/export-formats.ts).
// Parsing a format is where a wrong one becomes a 400 naming the choices.
import {
  exportFormats,
  formatContentType,
  formatExtension,
  importFormats,
  type ExportFormat,
  type ImportFormat,
} from '../../../shared/export-formats';
import { badRequest } from '../errors';

export { exportFormats, formatContentType, formatExtension, importFormats, type ExportFormat, type ImportFormat };

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
