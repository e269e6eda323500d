// Renders a full Yjs state (a live room's or a stored version's) in one export format. Pure: it reads bytes and
// never touches a room, so a live document and a version export the same way.
import { editorStateToMarkdown } from '../../../shared/lexical/editor-state-to-markdown';
import { editorStateToText } from '../../../shared/lexical/editor-state-to-text';
import { editorStateFromYjsUpdate } from '../../../shared/lexical/yjs-to-editor-state';
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
  const editorState = asBadRequest(() => editorStateFromYjsUpdate(state));
  switch (format) {
    case 'json':
      return { body: `${JSON.stringify(editorState)}\n`, contentType };
    case 'markdown':
      return { body: withFinalNewline(asBadRequest(() => editorStateToMarkdown(editorState))), contentType };
    case 'text':
      return { body: withFinalNewline(asBadRequest(() => editorStateToText(editorState))), contentType };
    case 'html':
      return { body: await editorStateToHtmlPage(editorState, title), contentType };
  }
}

function withFinalNewline(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}
