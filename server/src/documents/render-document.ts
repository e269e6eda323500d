// Renders a full Yjs state (a live room's or a stored version's) in one export format. Pure: it reads bytes and
// never touches a room, so a live document and a version export the same way.
import { editorStateToMarkdown } from '../../../shared/lexical/editor-state-to-markdown';
import { editorStateToText } from '../../../shared/lexical/editor-state-to-text';
import { editorFromYjsUpdate } from '../../../shared/lexical/yjs-to-editor-state';
import { asBadRequest } from './as-bad-request';
import { formatContentType, type ExportFormat } from './document-format';
import { editorStateToHtmlPage } from './editor-state-to-html-page';

export interface RenderedDocument {
  body: string | Uint8Array;
  contentType: string;
}

/** `title` names the document inside formats that carry one (HTML). Throws bad_request if `state` is unreadable. */
export async function renderDocument(state: Uint8Array, format: ExportFormat, title: string): Promise<RenderedDocument> {
  const contentType = formatContentType[format];
  if (format === 'yjs') return { body: state, contentType };
  // One read of the state; the exports take the editor as it is instead of parsing JSON again.
  const editor = asBadRequest(() => editorFromYjsUpdate(state));
  switch (format) {
    case 'json':
      return { body: `${JSON.stringify(editor.getEditorState().toJSON())}\n`, contentType };
    case 'markdown':
      return { body: withFinalNewline(asBadRequest(() => editorStateToMarkdown(editor))), contentType };
    case 'text':
      return { body: withFinalNewline(asBadRequest(() => editorStateToText(editor))), contentType };
    case 'html':
      return { body: await editorStateToHtmlPage(editor, title), contentType };
  }
}

function withFinalNewline(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}
