// Turns exported HTML into DOM nodes that are safe to show inside the page: an allow-list of the tags the editor
// produces, links only to web, mail and phone addresses, and no attributes that could run code or restyle the page
// (of styles, only a block's text alignment is kept; of other attributes, a code block's language).
import { isSafeLinkUrl } from '../editor/link-url';

const allowedTags = new Set([
  'P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'PRE', 'CODE', 'UL', 'OL', 'LI', 'A', 'BR', 'STRONG', 'B',
  'EM', 'I', 'U', 'S', 'DEL', 'SPAN', 'SUB', 'SUP', 'MARK', 'HR',
]);
const blockTags = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'LI']);
const keptAlignments = new Set(['center', 'right', 'justify']);
/** A code block's language as the editor names it after a fence: one word such as js, c++, c# or objective-c. */
const CODE_LANGUAGE = /^[\w.+#-]{1,40}$/;
// Dropped with everything inside; any other unknown tag is unwrapped and keeps its text.
const droppedTags = new Set(['SCRIPT', 'STYLE', 'IFRAME', 'OBJECT', 'EMBED', 'TEMPLATE', 'HEAD', 'TITLE', 'META', 'LINK', 'NOSCRIPT']);

export function sanitizeHtml(html: string): DocumentFragment {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const fragment = document.createDocumentFragment();
  for (const child of Array.from(parsed.body.childNodes)) appendClean(child, fragment);
  return fragment;
}

function appendClean(node: Node, parent: Node): void {
  if (node.nodeType === Node.TEXT_NODE) {
    parent.appendChild(document.createTextNode(node.textContent ?? ''));
    return;
  }
  if (!(node instanceof Element) || droppedTags.has(node.tagName)) return;
  const href = node.getAttribute('href');
  const isUnsafeLink = node.tagName === 'A' && (href === null || !isSafeLinkUrl(href));
  // Unknown tags and links we will not follow keep their text without their element.
  if (!allowedTags.has(node.tagName) || isUnsafeLink) {
    for (const child of Array.from(node.childNodes)) appendClean(child, parent);
    return;
  }
  const clean = document.createElement(node.tagName.toLowerCase());
  if (node.tagName === 'A' && href !== null) {
    clean.setAttribute('href', href);
    clean.setAttribute('target', '_blank');
    clean.setAttribute('rel', 'noopener noreferrer');
  }
  // A checklist item's state (a task-list checkbox in the export, or aria-checked) becomes aria-checked, which the
  // preview shows as a tick; the checkbox itself is dropped like every other form control.
  const checked = node.tagName === 'LI' ? checkedStateOf(node) : null;
  if (checked !== null) clean.setAttribute('aria-checked', checked);
  const value = node.getAttribute('value');
  if (node.tagName === 'LI' && value !== null && /^\d+$/.test(value)) clean.setAttribute('value', value);
  if (node.tagName === 'OL') {
    const start = node.getAttribute('start');
    if (start !== null && /^\d+$/.test(start)) clean.setAttribute('start', start);
  }
  // A code block's language (```js), which the preview shows in the block's corner as the editor does; a word, not markup.
  const language = node.tagName === 'PRE' ? node.getAttribute('data-language') : null;
  if (language !== null && CODE_LANGUAGE.test(language)) clean.setAttribute('data-language', language);
  // Alignment is the one style kept: the export writes it as text-align on the block.
  const alignment = blockTags.has(node.tagName) && node instanceof HTMLElement ? node.style.textAlign : '';
  if (keptAlignments.has(alignment)) clean.style.textAlign = alignment;
  for (const child of Array.from(node.childNodes)) appendClean(child, clean);
  parent.appendChild(clean);
}

/** "true" or "false" for a checklist item: a GitHub-style task list item with its checkbox, or aria-checked. */
function checkedStateOf(item: Element): 'true' | 'false' | null {
  const box = item.querySelector(':scope > input[type=checkbox]');
  if (item.classList.contains('task-list-item') && box !== null) return box.hasAttribute('checked') ? 'true' : 'false';
  const checked = item.getAttribute('aria-checked');
  return checked === 'true' || checked === 'false' ? checked : null;
}
