// Where the document's title is written (see shared/lexical/document-title.ts): its first Heading 1 with text, else
// its first line of text. The header's title takes the caret there, since that line is how a document is renamed.
import { $isHeadingNode } from '@lexical/rich-text';
import { $getRoot, $isElementNode, $isLineBreakNode, $isTextNode, type LexicalNode, type TextNode } from 'lexical';

const hasText = (node: LexicalNode) => node.getTextContent().trim() !== '';

/**
 * Puts the caret at the end of the line the title comes from (the whole Heading 1, or the first line of text), or at
 * the start of an empty document. Call inside an editor update.
 */
export function $selectTitleLine(): void {
  const blocks = $getRoot().getChildren().filter($isElementNode);
  const heading = blocks.find((block) => $isHeadingNode(block) && block.getTag() === 'h1' && hasText(block));
  if (heading !== undefined) {
    heading.selectEnd();
    return;
  }
  const firstText = blocks.find(hasText)?.getAllTextNodes().find(hasText);
  if (firstText === undefined) {
    blocks[0]?.selectStart();
    return;
  }
  $lineEndFrom(firstText).selectEnd();
}

/** The last text of the line `text` is on: its siblings up to a line break or the end of their block. */
function $lineEndFrom(text: TextNode): TextNode {
  let last = text;
  for (let next = text.getNextSibling(); next !== null && !$isLineBreakNode(next); next = next.getNextSibling()) {
    // A link is an element of its own inside the line: its last letters are the line's, if it ends it.
    const lastOfNext = $isTextNode(next) ? next : $isElementNode(next) ? next.getAllTextNodes().at(-1) : undefined;
    if (lastOfNext !== undefined) last = lastOfNext;
  }
  return last;
}
