// How a code block exports to HTML: `<pre><code class="language-x">` holding its plain text, the form Markdown
// renderers and syntax highlighters expect, instead of Lexical's `<pre>` of styled spans (the spans only carry the
// editor's own highlighting).
import { CodeNode } from '@lexical/code';
import { $getDocument, type DOMExportOutput, type LexicalEditor, type LexicalNode } from 'lexical';

export function exportCodeBlockHtml(_editor: LexicalEditor, node: LexicalNode): DOMExportOutput {
  const document = $getDocument();
  const pre = document.createElement('pre');
  const code = document.createElement('code');
  const language = node instanceof CodeNode ? node.getLanguage() : undefined;
  if (language) code.className = `language-${language}`;
  code.textContent = node.getTextContent();
  pre.append(code);
  return { element: pre, $getChildNodes: () => [] };
}
