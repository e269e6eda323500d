// How Tandem's nodes become HTML where Lexical's defaults do not suit an exported file: text as plain semantic markup
// (<strong><em>…</em></strong>, no span with an inline style around every run, which also makes big documents
// export markedly faster), a code block as <pre data-language="x"><code class="language-x"> holding its plain text,
// the form Markdown renderers and syntax highlighters expect, and a check list as a GitHub task list (real, disabled
// checkboxes, where Lexical wrote its internal `__lexicallisttype` attribute and ARIA roles that render as plain
// bullets), and bullets without Lexical's item numbers. All of them read back into Lexical through its own HTML import.
import { CodeNode } from '@lexical/code';
import { $isListNode, ListItemNode, ListNode } from '@lexical/list';
import {
  $getDocument,
  $isTextNode,
  type DOMExportOutput,
  type DOMExportOutputMap,
  type HTMLConfig,
  type LexicalEditor,
  type LexicalNode,
  TextNode,
  type TextFormatType,
} from 'lexical';

/** Innermost first: <strong><em><u><s><code>text</code></s></u></em></strong>. */
const FORMAT_TAGS: ReadonlyArray<readonly [TextFormatType, string]> = [
  ['code', 'code'],
  ['subscript', 'sub'],
  ['superscript', 'sup'],
  ['highlight', 'mark'],
  ['strikethrough', 's'],
  ['underline', 'u'],
  ['italic', 'em'],
  ['bold', 'strong'],
];

const TEXT_TRANSFORMS: ReadonlyArray<readonly [TextFormatType, string]> = [
  ['lowercase', 'lowercase'],
  ['uppercase', 'uppercase'],
  ['capitalize', 'capitalize'],
];

/** Whitespace that HTML would collapse: runs, tabs, or any other whitespace than a single space. */
const COLLAPSIBLE_WHITESPACE = /\s\s|[^\S ]/;

function exportText(_editor: LexicalEditor, node: LexicalNode): DOMExportOutput {
  const document = $getDocument();
  if (!$isTextNode(node)) return { element: null };
  const text = node.getTextContent();
  let element: HTMLElement | Text = document.createTextNode(text);
  const style = [node.getStyle()];
  if (COLLAPSIBLE_WHITESPACE.test(text)) style.push('white-space: pre-wrap;');
  for (const [format, transform] of TEXT_TRANSFORMS) {
    if (node.hasFormat(format)) style.push(`text-transform: ${transform};`);
  }
  const css = style.filter(Boolean).join(' ');
  if (css !== '') element = wrap(document, 'span', element, css);
  for (const [format, tag] of FORMAT_TAGS) {
    if (node.hasFormat(format)) element = wrap(document, tag, element);
  }
  return { element };
}

function exportCodeBlock(_editor: LexicalEditor, node: LexicalNode): DOMExportOutput {
  const document = $getDocument();
  const pre = document.createElement('pre');
  const code = document.createElement('code');
  const language = node instanceof CodeNode ? node.getLanguage() : undefined;
  if (language) {
    code.className = `language-${language}`;
    // Shown in the block's corner as in the editor (html-page.ts), and read back by Lexical's HTML import.
    pre.setAttribute('data-language', language);
  }
  code.textContent = node.getTextContent();
  pre.append(code);
  return { element: pre, $getChildNodes: () => [] };
}

function exportList(editor: LexicalEditor, node: LexicalNode): DOMExportOutput {
  if (!(node instanceof ListNode) || node.getListType() !== 'check') return node.exportDOM(editor);
  const list = $getDocument().createElement('ul');
  list.className = 'contains-task-list';
  return { element: list };
}

function exportListItem(editor: LexicalEditor, node: LexicalNode): DOMExportOutput {
  const parent = node.getParent();
  if (!(node instanceof ListItemNode) || !$isListNode(parent)) return node.exportDOM(editor);
  if (parent.getListType() === 'bullet') return withoutNumber(keptWhenFirst(node.exportDOM(editor)));
  if (parent.getListType() !== 'check') return keptWhenFirst(node.exportDOM(editor));
  const document = $getDocument();
  const item = document.createElement('li');
  item.className = 'task-list-item';
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.disabled = true;
  if (node.getChecked() === true) box.setAttribute('checked', '');
  item.append(box);
  return { element: item };
}

/**
 * An item holding only a nested list moves its list into the item before it (Lexical's `after`), and returns itself
 * when there is none (a list whose first item is indented, or whose first item became a heading): the export then
 * replaces the element with itself, which happy-dom does by removing it, and the nested items were lost from the
 * server's HTML (and so from history previews). Nothing to replace then.
 */
function keptWhenFirst(output: DOMExportOutput): DOMExportOutput {
  const { after } = output;
  if (after === undefined) return output;
  return {
    ...output,
    after: (element) => {
      const result = after(element);
      return result === element ? null : result;
    },
  };
}

/** A bullet item without Lexical's `value`: a number on an item no number is shown for (a numbered list keeps it,
 * since it numbers the items after a nested list right). */
function withoutNumber(output: DOMExportOutput): DOMExportOutput {
  const { element } = output;
  if (element !== null && 'removeAttribute' in element) element.removeAttribute('value');
  return output;
}

function wrap(document: Document, tag: string, child: Node, style?: string): HTMLElement {
  const element = document.createElement(tag);
  if (style !== undefined) element.setAttribute('style', style);
  element.append(child);
  return element;
}

const exportRules: DOMExportOutputMap = new Map();
exportRules.set(TextNode, exportText);
exportRules.set(CodeNode, exportCodeBlock);
exportRules.set(ListNode, exportList);
exportRules.set(ListItemNode, exportListItem);

export const htmlExportRules: HTMLConfig = { export: exportRules };
