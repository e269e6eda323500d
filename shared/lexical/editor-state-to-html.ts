// Lexical JSON (or an editor holding a document) → an HTML fragment, rendered by each node's exportDOM (with the
// rules of html-export-rules.ts) into a DOM the caller passes in: happy-dom on the server, a browser's own window.
// Never reads or sets DOM globals.
import { $generateDOMFromNodes } from '@lexical/html';
import type { LexicalEditor } from 'lexical';
import { conversionEditorFor, type DocumentContent } from './conversion-editor';

/** The part of a DOM window that the export uses (a browser window or a happy-dom Window, as they are). */
export interface HtmlWindow {
  readonly document: { createElement(tagName: 'div'): unknown };
}

type EditorWithRoot = LexicalEditor & { _rootElement: HTMLElement | null };

/** The document's blocks as HTML, without <html>/<body>. Throws `ConversionError` for JSON that is not a document. */
export function editorStateToHtml(content: DocumentContent, window: HtmlWindow): string {
  const editor = conversionEditorFor(content) as EditorWithRoot;
  const container = window.document.createElement('div') as HTMLElement;
  // exportDOM methods create elements through Lexical's $getDocument(): the root element's ownerDocument, else the
  // global `document`. A root element on the headless editor (headless editors never render into it) points them at
  // the caller's document; it is put back afterwards because `content` may be the caller's editor.
  const previousRoot = editor._rootElement;
  editor._rootElement = container;
  try {
    return editor.read(() => $generateDOMFromNodes(container, null, editor).innerHTML);
  } finally {
    editor._rootElement = previousRoot;
  }
}
