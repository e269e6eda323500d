// A document's title as people see it: the text of its first non-empty Heading 1 (whitespace collapsed), or null when
// it has none. Only a Heading 1: it is the title's style, while a smaller heading further down names a section (a
// list's "Dairy section" named a whole shopping list in a walk-through). The editor shows it in the header and the
// document list; the HTML export puts it in <title>.
import { $isHeadingNode } from '@lexical/rich-text';
import { $getRoot } from 'lexical';

/** Call inside an editor read or update. */
export function $firstHeadingText(): string | null {
  for (const block of $getRoot().getChildren()) {
    if (!$isHeadingNode(block) || block.getTag() !== 'h1') continue;
    const text = block.getTextContent().replace(/\s+/g, ' ').trim();
    if (text !== '') return text;
  }
  return null;
}
