// Lexical JSON → an HTML fragment, rendered by each node's own exportDOM into a DOM the caller passes in
// (happy-dom on the server, the page's window in a browser). Never reads or sets DOM globals.
import { CodeNode } from '@lexical/code';
import { $generateDOMFromNodes } from '@lexical/html';
import {
  $getDocument,
  type DOMExportOutput,
  type HTMLConfig,
  type LexicalEditor,
  type LexicalNode,
  type SerializedEditorState,
} from 'lexical';
import { createConversionEditor } from './conversion-editor';

/** The minimum of a DOM window that the export uses. */
export interface HtmlWindow {
  readonly document: Pick<Document, 'createElement'>;
}

/**
 * A code block as `<pre><code class="language-x">` with its plain text, the form Markdown renderers and syntax
 * highlighters expect, instead of Lexical's `<pre>` of styled spans (the spans only carry editor highlighting).
 */
function exportCodeBlock(_editor: LexicalEditor, node: LexicalNode): DOMExportOutput {
  const document = $getDocument();
  const pre = document.createElement('pre');
  const code = document.createElement('code');
  const language = node instanceof CodeNode ? node.getLanguage() : undefined;
  if (language) code.className = `language-${language}`;
  code.textContent = node.getTextContent();
  pre.append(code);
  return { element: pre, $getChildNodes: () => [] };
}

const html: HTMLConfig = { export: new Map([[CodeNode, exportCodeBlock]]) };

/** The document's blocks as HTML (no <html>/<body> wrapper). Throws `ConversionError` for a bad `state`. */
export function editorStateToHtml(state: SerializedEditorState, window: HtmlWindow): string {
  const editor = createConversionEditor(state, html);
  const container = window.document.createElement('div');
  // Lexical's exportDOM methods create elements through $getDocument(), which is the root element's ownerDocument
  // and otherwise the global `document`. Giving this throwaway headless editor a root element (never reconciled:
  // headless editors skip the DOM) points them at the caller's document instead of a global.
  (editor as LexicalEditor & { _rootElement: HTMLElement | null })._rootElement = container;
  return editor.read(() => $generateDOMFromNodes(container, null, editor).innerHTML);
}
