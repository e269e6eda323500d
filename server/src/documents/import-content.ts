// An uploaded body as new content: the conversion layer's contentUpdate, cut into pieces (contentPieces) that
// DocumentService.replaceContent puts in place of a document's blocks one event-loop turn at a time. The heavy half
// of an import, so it runs on the conversion thread (see document-converter.ts). A body that is not a document is a
// bad_request.
import { contentPieces } from '../../../shared/lexical/content-pieces';
import { contentUpdate, contentUpdateFromYjs } from '../../../shared/lexical/replace-doc-content';
import { editorStateFromYjsUpdate } from '../../../shared/lexical/yjs-to-editor-state';
import { badRequest } from '../errors';
import { asBadRequest } from './as-bad-request';
import type { ImportFormat } from './document-format';

/**
 * Structs per piece: 4,000 take a live document 20 to 40 ms to integrate (10,000 paragraphs, about 400,000 structs,
 * took it 2 s in one go, and as long again in garbage collection).
 */
export const STRUCTS_PER_PIECE = 4_000;

export function importContent(format: ImportFormat, body: Uint8Array): Uint8Array[] {
  return contentPieces(contentOf(format, body), STRUCTS_PER_PIECE);
}

function contentOf(format: ImportFormat, body: Uint8Array): Uint8Array {
  return asBadRequest(() => {
    switch (format) {
      case 'yjs':
        return contentUpdateFromYjs(body);
      case 'markdown':
        return contentUpdate({ format: 'markdown', text: decodeUtf8(body, 'Markdown') });
      case 'json':
        return contentUpdate({ format: 'json', state: decodeUtf8(body, 'JSON') });
    }
  });
}

/**
 * A stored version's state as new content, for a restore. Read as it always was, not as an upload: a version may hold
 * structs Yjs keeps pending (edits that crossed a replacement, say), which an uploaded .yjs file may not.
 */
export function versionContent(state: Uint8Array): Uint8Array[] {
  const content = asBadRequest(() => contentUpdate({ format: 'json', state: editorStateFromYjsUpdate(state) }));
  return contentPieces(content, STRUCTS_PER_PIECE);
}

function decodeUtf8(body: Uint8Array, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch (cause) {
    throw badRequest(`the ${what} body is not valid UTF-8`, cause);
  }
}
