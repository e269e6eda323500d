// A document name made from words someone typed as a title ("Team notes: Q3" → "Team-notes-Q3"), for the Open box
// and the bad-name page: names keep to CONTRACT's URL-safe alphabet, which has no spaces.
import { parseDocName } from '../../../shared/doc-name';

const MAX_NAME_LENGTH = 128;

/**
 * `title` as a valid document name: accents dropped, every run of other characters one hyphen, none at either end,
 * at most 128 characters. Null when nothing of it is left (only punctuation, or a script without Latin letters).
 * The same title always gives the same name, so typing it again opens the same document.
 */
export function nameFromTitle(title: string): string | null {
  const name = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_NAME_LENGTH)
    .replace(/-+$/, '');
  return parseDocName(name).ok ? name : null;
}
