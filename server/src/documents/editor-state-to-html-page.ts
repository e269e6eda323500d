// A standalone HTML page of a document: the conversion layer's HTML fragment rendered into a private happy-dom
// window, wrapped with a charset and a title (html-page.ts). The window lives for one export only, so no DOM state
// is shared. happy-dom is loaded on the first HTML export: it is the largest module the server has (about 12 MB of
// heap), and a server that never exports HTML should not carry it, nor scan it on every full garbage collection.
import type { DocumentContent } from '../../../shared/lexical/conversion-editor';
import { editorStateToHtml } from '../../../shared/lexical/editor-state-to-html';
import { htmlPage } from '../../../shared/lexical/html-page';
import { asBadRequest } from './as-bad-request';

export async function editorStateToHtmlPage(content: DocumentContent, title: string): Promise<string> {
  const { Window } = await import('happy-dom');
  const window = new Window();
  try {
    return htmlPage(asBadRequest(() => editorStateToHtml(content, window)), title);
  } finally {
    await window.happyDOM.close();
  }
}
