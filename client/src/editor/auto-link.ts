// Web addresses and e-mail addresses become links as they are typed or pasted, as in Google Docs: `https://…`,
// `http://…` and `www.…` (given https://), and `name@host.tld` (given mailto:). Only what toLinkUrl accepts.
import type { LinkMatcher } from '@lexical/link';
import { toLinkUrl } from './link-url';

/** A web address: a scheme or `www.`, then no spaces; trailing punctuation that ends a sentence is left out. */
const WEB_ADDRESS = /\b(?:https?:\/\/|www\.)[^\s<>"]+[^\s<>".,;:!?')\]]/i;
/** An e-mail address with a dotted domain. */
const EMAIL_ADDRESS = /\b[\w.+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b/i;

function matcherFor(pattern: RegExp, toUrl: (text: string) => string | null): LinkMatcher {
  return (text) => {
    const match = pattern.exec(text);
    if (match === null) return null;
    const url = toUrl(match[0]);
    return url === null ? null : { index: match.index, length: match[0].length, text: match[0], url };
  };
}

export const autoLinkMatchers: readonly LinkMatcher[] = [
  matcherFor(WEB_ADDRESS, (text) => toLinkUrl(text)),
  matcherFor(EMAIL_ADDRESS, (address) => toLinkUrl(`mailto:${address}`)),
];
