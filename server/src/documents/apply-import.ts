// Writes an uploaded body into a Y.Doc as one replace-everything update tagged with `origin`, through the
// conversion layer's replaceDocContent. A body that is not a document is a bad_request, and leaves the doc untouched.
import type * as Y from 'yjs';
import { replaceDocContent, replaceDocContentFromYjs } from '../../../shared/lexical/replace-doc-content';
import { badRequest } from '../errors';
import { asBadRequest } from './as-bad-request';
import type { ImportFormat } from './document-format';

export function applyImport(doc: Y.Doc, format: ImportFormat, body: Uint8Array, origin: unknown): void {
  asBadRequest(() => {
    switch (format) {
      case 'yjs':
        replaceDocContentFromYjs(doc, body, origin);
        return;
      case 'markdown':
        replaceDocContent(doc, { format: 'markdown', text: decodeUtf8(body, 'Markdown') }, origin);
        return;
      case 'json':
        replaceDocContent(doc, { format: 'json', state: decodeUtf8(body, 'JSON') }, origin);
        return;
    }
  });
}

function decodeUtf8(body: Uint8Array, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch (cause) {
    throw badRequest(`the ${what} body is not valid UTF-8`, cause);
  }
}
