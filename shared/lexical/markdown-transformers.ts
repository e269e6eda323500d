// The Markdown dialect of Tandem's export and import: CommonMark block and inline syntax for every format the editor
// has, plus `<u>…</u>` for underline and `<mark>…</mark>` for highlight, which Markdown lacks (raw inline HTML that
// CommonMark renderers show underlined or highlighted, and which brings the format back on import instead of
// silently dropping it). Plain text that reads as syntax is
// escaped on export (markdown-escape.ts), so export → import gives back the same document.
import {
  BOLD_ITALIC_STAR,
  BOLD_ITALIC_UNDERSCORE,
  BOLD_STAR,
  BOLD_UNDERSCORE,
  CHECK_LIST,
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
import { $createLinkNode, LinkNode } from '@lexical/link';
import { $createTextNode, $isTextNode, TextNode, type TextFormatType } from 'lexical';
import { CODE_KEEPING_END_LINES } from './code-fence-transformer';
import { $exportEscapedText } from './markdown-escape';

/** Nothing or an even run of backslashes before the match: a character after an odd run is escaped, literal. */
const AFTER_EVEN_BACKSLASHES = String.raw`(?<=(?:^|[^\\])(?:\\\\)*)`;

/**
 * Reads `<tag>…</tag>` (imported, or as it is typed) as text with `format`, and returns the node so the importer
 * goes on to parse bold, italic, … inside it. On import neither tag may be escaped: the export writes a typed
 * `<u>` as `\<u>` (markdown-escape.ts).
 */
function htmlTagFormat(tag: string, format: TextFormatType): Omit<TextMatchTransformer, 'export'> {
  return {
    dependencies: [TextNode],
    importRegExp: new RegExp(`${AFTER_EVEN_BACKSLASHES}<${tag}>(.+?)${AFTER_EVEN_BACKSLASHES}</${tag}>`, 's'),
    regExp: new RegExp(`<${tag}>(.+?)</${tag}>$`, 's'),
    replace: (textNode, match) => {
      textNode.setTextContent(match[1] ?? '');
      if (!textNode.hasFormat(format)) textNode.toggleFormat(format);
      return textNode;
    },
    trigger: '>',
    type: 'text-match',
  };
}

/**
 * Every text node goes out through here: escaped (a typed `<u>` becomes `\<u>`, so it reads back as text) and, when
 * underlined or highlighted, wrapped in `<u>…</u>` and then `<mark>…</mark>`.
 */
const TEXT_WITH_UNDERLINE: TextMatchTransformer = {
  ...htmlTagFormat('u', 'underline'),
  export: (node, _exportChildren, exportFormat) => {
    if (!$isTextNode(node)) return null;
    // Inline code is written verbatim inside its fence, where no escape would be decoded.
    const markdown = node.hasFormat('code')
      ? exportFormat(node, node.getTextContent())
      : $exportEscapedText(node, exportFormat);
    const underlined = node.hasFormat('underline') ? `<u>${markdown}</u>` : markdown;
    return node.hasFormat('highlight') ? `<mark>${underlined}</mark>` : underlined;
  },
};

/** `<mark>…</mark>` on import: highlighted text (TEXT_WITH_UNDERLINE writes it). */
const MARKED_TEXT: TextMatchTransformer = { ...htmlTagFormat('mark', 'highlight'), export: () => null };

const linkPattern = LINK.importRegExp ?? LINK.regExp;

/**
 * Lexical's LINK, whose import pattern alone ignores backslashes and would read the exported `\[a\](b)` as a link.
 * Exported for the editor, whose shortcut takes only the links it keeps (client/src/editor/link-shortcut.ts).
 */
export const LINK_UNLESS_ESCAPED: TextMatchTransformer = {
  ...LINK,
  importRegExp: new RegExp(AFTER_EVEN_BACKSLASHES + linkPattern.source, linkPattern.flags),
};

/**
 * CommonMark's autolink, `<https://example.com>` or `<name@example.com>`: a link whose text is its address, as other
 * Markdown tools write a bare address. Web and mail addresses only (the editor keeps no other link). Read on import
 * and as it is typed; the export writes such a link as `[address](address)`, and a typed `<https://…>` in text as
 * `\<https://…>`.
 */
const AUTOLINK_ADDRESS = String.raw`(?:https?://|mailto:)[^\s<>]+|[^\s<>@:]+@[^\s<>@]+\.[^\s<>@]+`;

const AUTOLINK: TextMatchTransformer = {
  dependencies: [LinkNode],
  export: () => null,
  importRegExp: new RegExp(`${AFTER_EVEN_BACKSLASHES}<(${AUTOLINK_ADDRESS})>`),
  regExp: new RegExp(`<(${AUTOLINK_ADDRESS})>$`),
  replace: (textNode, match) => {
    const address = match[1] ?? '';
    const linkNode = $createLinkNode(address.includes(':') ? address : `mailto:${address}`);
    const linkText = $createTextNode(address);
    linkText.setFormat(textNode.getFormat());
    linkNode.append(linkText);
    textNode.replace(linkNode);
    return linkText;
  },
  trigger: '>',
  type: 'text-match',
};

/**
 * Order matters on import: the first element transformer whose pattern matches a line wins, so CHECK_LIST comes
 * before UNORDERED_LIST (`- [ ] x` is also a bullet); inline code comes first and longer tags before shorter ones.
 * Highlight goes out as `<mark>` rather than `==`, which CommonMark does not know, so `==` stays text.
 */
export const markdownTransformers: ReadonlyArray<Transformer> = [
  HEADING,
  QUOTE,
  CHECK_LIST,
  UNORDERED_LIST,
  ORDERED_LIST,
  CODE_KEEPING_END_LINES,
  INLINE_CODE,
  BOLD_ITALIC_STAR,
  BOLD_ITALIC_UNDERSCORE,
  BOLD_STAR,
  BOLD_UNDERSCORE,
  ITALIC_STAR,
  ITALIC_UNDERSCORE,
  STRIKETHROUGH,
  LINK_UNLESS_ESCAPED,
  AUTOLINK,
  MARKED_TEXT,
  TEXT_WITH_UNDERLINE,
];
