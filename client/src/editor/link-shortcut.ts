// The Markdown link shortcut as it is typed (`[text](target)`) makes a link only to a target the editor keeps
// (isSafeLinkUrl, link-url.ts); with any other target the text stays as typed. Lexical's LINK made the link anyway
// and SafeLinksPlugin unwrapped it, so `And [rel](x) there.` became `And rel there.`: brackets and target gone,
// and no link.
import type { TextMatchTransformer, Transformer } from '@lexical/markdown';
import { LINK_UNLESS_ESCAPED } from '../../../shared/lexical/markdown-transformers';
import { isSafeLinkUrl } from './link-url';

/** `transformers` with the link transformer taking only the links the editor keeps. */
export function withSafeLinkShortcut(transformers: ReadonlyArray<Transformer>): Transformer[] {
  return transformers.map((transformer) => (transformer === LINK_UNLESS_ESCAPED ? safeLinkShortcut : transformer));
}

const safeLinkShortcut: TextMatchTransformer = {
  ...LINK_UNLESS_ESCAPED,
  // Left alone, the matched text stays in its node: Lexical split it off for the link and merges it back.
  replace: (textNode, match) =>
    isSafeLinkUrl(typedTarget(match)) ? LINK_UNLESS_ESCAPED.replace?.(textNode, match) : undefined,
};

/**
 * The target of a matched `[text](target)` as the link would get it: LINK's pattern captures it written `<…>` (group
 * 2) or bare (group 3), and decodes it as Lexical's unescapeText does (backslash escapes, numeric references).
 */
function typedTarget(match: RegExpMatchArray): string {
  return (match[2] ?? match[3] ?? '')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/&#(\d+);/g, (_, codePoint: string) => String.fromCodePoint(Number(codePoint)));
}
