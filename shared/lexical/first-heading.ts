// A document's title as people see it: the text of its first non-empty heading (whitespace collapsed), or null when it
// has none. The editor shows it in the header and the document list; the HTML export puts it in <title>.
import { $isHeadingNode } from '@lexical/rich-text';
import { $getRoot } from 'lexical';

/** Call inside an editor read or update. */
export function $firstHeadingText(): string | null {
  for (const block of $getRoot().getChildren()) {
    if (!$isHeadingNode(block)) continue;
    const text = block.getTextContent().replace(/\s+/g, ' ').trim();
    if (text !== '') return text;
  }
  return null;
}
