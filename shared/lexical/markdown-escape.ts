// Escapes a plain text node's Markdown so that a CommonMark reader, and Tandem's own import, read it back as the same
// text. Lexical's export escapes only `* _ ` ~ \`; this adds what it leaves alone: HTML and character references,
// brackets, and the markers that start a block (`#`, `-`, `1.`, `>`, …) at the start of a line. Not for inline code.
import { $isListItemNode } from '@lexical/list';
import { $isHeadingNode, $isQuoteNode } from '@lexical/rich-text';
import { $isLineBreakNode, $isParagraphNode, $isTextNode, type TextNode } from 'lexical';

/** Lexical's `exportFormat` callback: the text wrapped in its node's format tags, with Lexical's own escapes. */
export type ExportFormat = (node: TextNode, text: string) => string;

/** An `&` that begins a character reference, which both readers would decode. Written as `&#38;`, read back as `&`. */
const CHARACTER_REFERENCE_START = /&(?=#\d+;|#[Xx][\dA-Fa-f]+;|[A-Za-z][\dA-Za-z]*;)/g;
/**
 * A `<` that could begin raw HTML or an autolink, which Markdown viewers hide or turn into a link. Escaped with a
 * backslash (`\<tags>`), which reads as `<tags>` and which Tandem's import never takes for `<u>` or `<mark>`
 * (markdown-transformers.ts).
 */
const TAG_START = /<(?=[A-Za-z/!?])/g;
const BRACKET = /[[\]]/g;

/**
 * What makes a line start a block; the escape goes where each lookahead starts, so `1. x` becomes `1\. x`. Leading
 * whitespace is allowed because Lexical's importer reads `  - x` as a list item. `*`, `_`, `` ` `` and `~` (bullets,
 * breaks and fences) are already escaped by Lexical.
 */
const BLOCK_MARKERS: ReadonlyArray<RegExp> = [
  /^(\s*)(?=#{1,6}(?:\s|$))/, // ATX heading
  /^(\s*)(?=[-+](?:\s|$))/, // bullet list item
  /^(\s*\d+)(?=[.)](?:\s|$))/, // ordered list item
  /^(\s*)(?=>)/, // block quote
  /^(\s*)(?=(?:-\s*){3,}$)/, // thematic break
];
/** A line under another line of the same paragraph that would turn that line into a (setext) heading. */
const SETEXT_UNDERLINE = /^(\s*)(?=(?:=+|-+)\s*$)/;
/** Four spaces open an indented code block; the first is written as a reference so the line stays a paragraph. */
const CODE_INDENT = /^ (?= {3})/;
/** `#`s that end a heading line are its optional closing sequence, which CommonMark drops. */
const CLOSING_HASHES = /(^|[ \t])(?=#+[ \t]*$)/;

type LinePosition = 'first-line' | 'later-line' | 'heading-end' | 'inline';

/** The Markdown for a text node that is not inline code: formatted by Lexical, escaped where it reads as syntax. */
export function $exportEscapedText(node: TextNode, exportFormat: ExportFormat): string {
  // `&` is escaped as a character reference before formatting, where a backslash would be escaped again; and not as
  // `\&`: Lexical's import drops backslashes before it decodes references, so `\&#60;` would come back as `<`.
  const text = node.getTextContent().replace(CHARACTER_REFERENCE_START, '&#38;');
  // Lexical's format tags hold no brackets, no `<` and no block markers, so whatever the escapes below find is the
  // text's own.
  const markdown = exportFormat(node, text).replace(BRACKET, '\\$&').replace(TAG_START, '\\<');
  return escapeByPosition(markdown, $linePosition(node));
}

function escapeByPosition(markdown: string, position: LinePosition): string {
  switch (position) {
    case 'first-line':
      return escapeBlockMarker(markdown).replace(CODE_INDENT, '&#32;');
    case 'later-line':
      return escapeBlockMarker(markdown).replace(SETEXT_UNDERLINE, '$1\\');
    case 'heading-end':
      return markdown.replace(CLOSING_HASHES, '$1\\');
    case 'inline':
      return markdown;
  }
}

function escapeBlockMarker(markdown: string): string {
  const marker = BLOCK_MARKERS.find((pattern) => pattern.test(markdown));
  return marker === undefined ? markdown : markdown.replace(marker, '$1\\');
}

/**
 * Where the node's Markdown lands: at the start of a block's first line or a later one (after a line break, with
 * nothing but whitespace before it), at the end of a heading, or elsewhere in a line. Links, headings and code
 * blocks hold no block syntax, so only paragraphs, quotes and list items have line starts.
 */
function $linePosition(node: TextNode): LinePosition {
  const block = node.getParent();
  if ($isHeadingNode(block)) return node.getNextSibling() === null ? 'heading-end' : 'inline';
  if (!$isParagraphNode(block) && !$isQuoteNode(block) && !$isListItemNode(block)) return 'inline';
  for (let sibling = node.getPreviousSibling(); sibling !== null; sibling = sibling.getPreviousSibling()) {
    if ($isLineBreakNode(sibling)) return 'later-line';
    // A whitespace-only run is exported bare (Lexical puts no tags around it), so the line still starts here.
    const isBareWhitespace =
      $isTextNode(sibling) &&
      !sibling.hasFormat('code') &&
      !sibling.hasFormat('underline') &&
      sibling.getTextContent().trim() === '';
    if (!isBareWhitespace) return 'inline';
  }
  return 'first-line';
}
