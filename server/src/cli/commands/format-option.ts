// --format for export and import: checked against the server's format names before any request, and guessed from
// the file's extension when not given.
import path from 'node:path';
import { exportFormats, formatExtension, importFormats, type ExportFormat, type ImportFormat } from '../../documents/document-format';
import { usageError } from '../cli-error';

export function exportFormatOption(raw: unknown, file: string | undefined): ExportFormat {
  return pick(raw, file, exportFormats, 'markdown');
}

export function importFormatOption(raw: unknown, file: string | undefined): ImportFormat {
  return pick(raw, file, importFormats, null);
}

function pick<F extends ExportFormat>(raw: unknown, file: string | undefined, allowed: readonly F[], fallback: F | null): F {
  const choices = allowed.join(', ');
  if (typeof raw === 'string') {
    if ((allowed as readonly string[]).includes(raw)) return raw as F;
    throw usageError(`--format ${raw} is not one of ${choices}`);
  }
  const extension = file === undefined ? '' : path.extname(file).slice(1).toLowerCase();
  const guessed = allowed.find((format) => formatExtension[format] === extension || (format === 'markdown' && extension === 'markdown'));
  if (guessed) return guessed;
  if (fallback) return fallback;
  throw usageError(`--format is required: one of ${choices}`);
}
