// Renders a document (a live room's Y.Doc, read in place, or a stored version's bytes) in one export format. It only
// reads: a live document and a version export the same way.
import * as Y from 'yjs';
import { $firstHeadingText } from '../../../shared/lexical/first-heading';
import { renderEditor } from '../../../shared/lexical/render-editor';
import { editorFromYDoc, editorFromYjsUpdate } from '../../../shared/lexical/yjs-to-editor-state';
import { asBadRequest } from './as-bad-request';
import { formatContentType, type ExportFormat } from './document-format';
import { editorStateToHtmlPage } from './editor-state-to-html-page';

export interface RenderedDocument {
  body: string | Uint8Array;
  contentType: string;
}

/** The title of a format that carries one (HTML), from the document's first heading (null when it has none). */
export type TitleOf = (heading: string | null) => string;

/**
 * `titleOf` names the document inside formats that carry one (HTML). Throws bad_request if `source` is unreadable.
 * A live Y.Doc is read in place (synchronously, so no edit can interleave): no encode and re-decode of the whole
 * document, which dominated the cost of exporting large documents.
 */
export async function renderDocument(source: Y.Doc | Uint8Array, format: ExportFormat, titleOf: TitleOf): Promise<RenderedDocument> {
  const contentType = formatContentType[format];
  if (format === 'yjs') return { body: source instanceof Y.Doc ? Y.encodeStateAsUpdate(source) : source, contentType };
  // One read of the state; the exports take the editor as it is instead of parsing JSON again.
  const editor = asBadRequest(() => (source instanceof Y.Doc ? editorFromYDoc(source) : editorFromYjsUpdate(source)));
  if (format === 'html') return { body: await editorStateToHtmlPage(editor, titleOf(editor.getEditorState().read($firstHeadingText))), contentType };
  return { body: asBadRequest(() => renderEditor(editor, format)), contentType };
}
