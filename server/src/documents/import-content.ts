// An uploaded body as new content: the conversion layer's contentUpdate, ready for replaceRootWith to put in place of
// a document's blocks. The heavy half of an import, so it runs on the conversion thread (see document-converter.ts).
// A body that is not a document is a bad_request.
import { contentUpdate, contentUpdateFromYjs } from '../../../shared/lexical/replace-doc-content';
import { editorStateFromYjsUpdate } from '../../../shared/lexical/yjs-to-editor-state';
import { badRequest } from '../errors';
import { asBadRequest } from './as-bad-request';
import type { ImportFormat } from './document-format';

export function importContent(format: ImportFormat, body: Uint8Array): Uint8Array {
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
export function versionContent(state: Uint8Array): Uint8Array {
  return asBadRequest(() => contentUpdate({ format: 'json', state: editorStateFromYjsUpdate(state) }));
}

function decodeUtf8(body: Uint8Array, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch (cause) {
    throw badRequest(`the ${what} body is not valid UTF-8`, cause);
  }
}
