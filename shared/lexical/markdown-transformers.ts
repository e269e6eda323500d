// The Markdown dialect of Tandem's export and import: CommonMark block and inline syntax for every format the editor
// has, plus `<u>…</u>` for underline, which Markdown lacks (raw inline HTML that CommonMark renderers show underlined,
// and which brings the underline back on import instead of silently dropping it).
import {
  BOLD_ITALIC_STAR,
  BOLD_ITALIC_UNDERSCORE,
  BOLD_STAR,
  BOLD_UNDERSCORE,
  CHECK_LIST,
  CODE,
  HEADING,
  INLINE_CODE,
  ITALIC_STAR,
  ITALIC_UNDERSCORE,
  LINK,
  ORDERED_LIST,
  QUOTE,
  STRIKETHROUGH,
  type TextMatchTransformer,
  type Transformer,
  UNORDERED_LIST,
} from '@lexical/markdown';
import { $isTextNode, TextNode } from 'lexical';

/** `<u>` and `</u>` typed as text: written as `&#60;u>` so they read back as text, not as underline. */
const LITERAL_UNDERLINE_TAG = /<(\/?u>)/g;

const UNDERLINE_HTML: TextMatchTransformer = {
  dependencies: [TextNode],
  export: (node, _exportChildren, exportFormat) => {
    if (!$isTextNode(node)) return null;
    const text = node.getTextContent();
    // Inline code is written verbatim inside its fence, where a character reference would not be decoded.
    const safeText = node.hasFormat('code') ? text : text.replace(LITERAL_UNDERLINE_TAG, '&#60;$1');
    if (node.hasFormat('underline')) return `<u>${exportFormat(node, safeText)}</u>`;
    return safeText === text ? null : exportFormat(node, safeText);
  },
  importRegExp: /<u>(.+?)<\/u>/s,
  regExp: /<u>(.+?)<\/u>$/s,
  replace: (textNode, match) => {
    textNode.setTextContent(match[1] ?? '');
    if (!textNode.hasFormat('underline')) textNode.toggleFormat('underline');
    // Returned so the importer goes on to parse bold, italic, … inside the underline.
    return textNode;
  },
  trigger: '>',
  type: 'text-match',
};

/**
 * Order matters on import: the first element transformer whose pattern matches a line wins, so CHECK_LIST comes
 * before UNORDERED_LIST (`- [ ] x` is also a bullet); inline code comes first and longer tags before shorter ones.
 * Highlight (`==`) is left out: the editor has no highlight, so `==` stays text.
 */
export const markdownTransformers: ReadonlyArray<Transformer> = [
  HEADING,
  QUOTE,
  CHECK_LIST,
  UNORDERED_LIST,
  ORDERED_LIST,
  CODE,
  INLINE_CODE,
  BOLD_ITALIC_STAR,
  BOLD_ITALIC_UNDERSCORE,
  BOLD_STAR,
  BOLD_UNDERSCORE,
  ITALIC_STAR,
  ITALIC_UNDERSCORE,
  STRIKETHROUGH,
  LINK,
  UNDERLINE_HTML,
];
