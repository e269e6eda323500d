// Reads what someone typed or pasted into the home page's Open box: a document name, or a Tandem link, whose
// `/d/<doc>` names the document and whose query may carry what the editor page reads (the display name, the access
// token and where to renew it): opening the link without them would lose the name or refuse the access. A link to
// another Tandem server is opened there: the document of that name here is a different one (or none at all).
import { filterQuery } from '../query-filter';

export interface DocInput {
  /** The document's name as given, not yet checked (parseDocName does that, with its own message). */
  readonly rawName: string;
  /** The pasted link's `name`, `token` and `tokenUrl` parameters as written, without `?`; '' when none. */
  readonly query: string;
  /** The pasted link itself, when it points at another server than `currentOrigin`; null otherwise. */
  readonly elsewhere: string | null;
}

const carriedParams: ReadonlySet<string> = new Set(['name', 'token', 'tokenUrl']);

export function readDocInput(input: string, currentOrigin: string): DocInput {
  const trimmed = input.trim();
  const link = withScheme(linkIn(trimmed), currentOrigin);
  const match = /\/d\/([^/?#]+)\/?(\?[^#]*)?/.exec(link);
  if (match?.[1] === undefined) return { rawName: trimmed, query: '', elsewhere: null };
  return {
    rawName: safeDecode(match[1]),
    query: filterQuery(match[2] ?? '', (param) => carriedParams.has(param)),
    elsewhere: otherOriginOf(link, currentOrigin) === null ? null : link,
  };
}

/** A link pasted with words around it ("the notes: https://…/d/notes, see you"): the word holding `/d/`, else all. */
function linkIn(text: string): string {
  if (!/\s/.test(text)) return text;
  const word = text.split(/\s+/).find((candidate) => candidate.includes('/d/'));
  return word === undefined ? text : word.replace(/^[<("']+|[>)"',.;:!]+$/g, '');
}

/** A link copied without its scheme ("docs.example.org/d/notes", "localhost:8787/d/notes"), as this page's scheme. */
function withScheme(link: string, currentOrigin: string): string {
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*(:\d+)?\/d\//i.test(link)) return link;
  return `${new URL(currentOrigin).protocol}//${link}`;
}

/** The origin of `link` when it is an absolute http(s) address on another origin than `currentOrigin`, else null. */
function otherOriginOf(link: string, currentOrigin: string): string | null {
  if (!/^https?:\/\//i.test(link)) return null;
  try {
    const { origin } = new URL(link);
    return origin === currentOrigin ? null : origin;
  } catch {
    return null;
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // Not a valid escape: parseDocName rejects the raw text with its own message.
    return segment;
  }
}
