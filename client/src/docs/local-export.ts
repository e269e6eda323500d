// Renders this browser's copy of the document in an export format with the server's own renderers (shared/lexical),
// for a download while the server is out of reach, or before it has every edit made here. Imported statically: a
// chunk loaded on first use could not load while offline, and the renderers add only a few kB to the Lexical
// modules the editor already has.
import type * as Y from 'yjs';
import { formatContentType } from '../../../shared/export-formats';
import { editorStateToHtml } from '../../../shared/lexical/editor-state-to-html';
import { $documentTitle } from '../../../shared/lexical/document-title';
import { htmlPage } from '../../../shared/lexical/html-page';
import { renderEditor } from '../../../shared/lexical/render-editor';
import { editorFromYDoc } from '../../../shared/lexical/yjs-to-editor-state';
import type { ExportFormat } from './doc-api';

/** `doc` as a file of `format`; HTML is titled as the editor titles it, else by `docName`, as the server does. */
export function exportLocally(doc: Y.Doc, format: ExportFormat, docName: string): Blob {
  const editor = editorFromYDoc(doc);
  if (format !== 'html') return new Blob([renderEditor(editor, format)], { type: formatContentType[format] });
  const title = editor.getEditorState().read($documentTitle) ?? docName;
  return new Blob([htmlPage(editorStateToHtml(editor, window), title)], { type: formatContentType.html });
}
