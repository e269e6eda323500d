// What the page says to screen readers when a notice appears or changes. One polite live region, in the page's HTML
// from the start (index.html, #page-announcer), says it: a live region inserted together with its words is not
// reliably read out (screen readers watch the regions already on the page for changes), so the notices that come and
// go carry no live role of their own and hand their words to this one (useAnnouncedText).
import { useEffect, useRef, type RefObject } from 'react';

export const ANNOUNCER_ID = 'page-announcer';

/** How long the words stay in the region: long enough to be read, not so long that browsing finds stale news. */
export const ANNOUNCEMENT_KEPT_MS = 10_000;

const clearTimers = new WeakMap<Element, ReturnType<typeof setTimeout>>();

/** Reads `message` out (politely: after what the screen reader is saying now). Nothing on a page without the region. */
export function announce(message: string, page: Document = document): void {
  const region = page.getElementById(ANNOUNCER_ID);
  if (region === null || message === '') return;
  // The same words again (a second picture refused, say) are still news: a no-break space makes them a change.
  region.textContent = region.textContent === message ? `${message}\u00a0` : message;
  clearTimeout(clearTimers.get(region));
  clearTimers.set(
    region,
    setTimeout(() => {
      region.textContent = '';
    }, ANNOUNCEMENT_KEPT_MS),
  );
}

/** The words an element shows, as one line: not its buttons' labels ("Dismiss", "Undo"), nor what is aria-hidden. */
export function spokenTextOf(element: Element): string {
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  let text = '';
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    if (node.parentElement?.closest('button, [aria-hidden="true"]') == null) text += node.textContent ?? '';
  }
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Announces the words of the element in `ref` when it appears (again after it went), and whenever they change while it
 * shows. For an element a component renders only at times, the hook sits in that component with the ref unset between.
 */
export function useAnnouncedText(ref: RefObject<Element | null>): void {
  const said = useRef<string | null>(null);
  // After every render: the words are the rendered DOM's, and a notice's text is short.
  useEffect(() => {
    const element = ref.current;
    if (element === null) {
      said.current = null;
      return;
    }
    const text = spokenTextOf(element);
    if (text === said.current) return;
    said.current = text;
    announce(text, element.ownerDocument);
  });
}
