// A standalone HTML page of a document: the conversion layer's HTML fragment rendered into a private happy-dom
// window, wrapped with a charset and a title. The window lives for one export only, so no DOM state is shared.
import { Window } from 'happy-dom';
import type { DocumentContent } from '../../../shared/lexical/conversion-editor';
import { editorStateToHtml } from '../../../shared/lexical/editor-state-to-html';
import { asBadRequest } from './as-bad-request';

export async function editorStateToHtmlPage(content: DocumentContent, title: string): Promise<string> {
  const window = new Window();
  try {
    const body = asBadRequest(() => editorStateToHtml(content, window));
    return `<!doctype html>\n<html>\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(title)}</title>\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
  } finally {
    await window.happyDOM.close();
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
