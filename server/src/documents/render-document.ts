// Renders a document's bytes (a live room's state or a stored version) in one export format. It only reads: a live
// document and a version export the same way.
import { $documentTitle } from '../../../shared/lexical/document-title';
import { renderEditor } from '../../../shared/lexical/render-editor';
import { editorFromYjsUpdate } from '../../../shared/lexical/yjs-to-editor-state';
import { asBadRequest } from './as-bad-request';
import { formatContentType, type ExportFormat } from './document-format';
import { editorStateToHtmlPage } from './editor-state-to-html-page';

export interface RenderedDocument {
  body: string | Uint8Array;
  contentType: string;
}

/**
 * How a format that carries a title (HTML) names the document: as the editor does (document-title.ts), else
 * `untitled`; then `suffix` (a version's label, say). Plain data, so a render job can cross to a worker thread.
 */
export interface TitleRule {
  untitled: string;
  suffix?: string;
}

export function titleFrom(rule: TitleRule, documentTitle: string | null): string {
  return `${documentTitle ?? rule.untitled}${rule.suffix ?? ''}`;
}

/**
 * Renders `state` (a document as one Yjs update) in `format`; `title` names the document inside formats that carry
 * one (HTML). Throws bad_request if `state` is unreadable. Runs on the conversion thread (see document-converter.ts).
 */
export async function renderDocument(state: Uint8Array, format: ExportFormat, title: TitleRule): Promise<RenderedDocument> {
  const contentType = formatContentType[format];
  if (format === 'yjs') return { body: state, contentType };
  // One read of the state; the exports take the editor as it is instead of parsing JSON again.
  const editor = asBadRequest(() => editorFromYjsUpdate(state));
  if (format === 'html') return { body: await editorStateToHtmlPage(editor, titleFrom(title, editor.getEditorState().read($documentTitle))), contentType };
  return { body: asBadRequest(() => renderEditor(editor, format)), contentType };
}
