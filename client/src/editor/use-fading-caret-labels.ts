// Other people's name labels show while they type or move their caret and fade out after a few seconds of stillness,
// as in Google Docs: a label that stayed up hid a word of the line above for as long as its owner sat still. The
// caret keeps a small flag, so where someone is stays visible. CollaborationPlugin draws the carets and moves them
// by changing their style, so a MutationObserver sees every move without reaching into the plugin. A label that
// would run past the editor's right edge (a caret near the end of a line, a long name) hangs to the left instead.
import { useEffect, type RefObject } from 'react';

/** How long a label stays after its caret last moved. */
const LABEL_SHOWN_MS = 3_000;
const CARET_CLASS = 'ed-remote-caret';
const ACTIVE_CLASS = 'is-active';
const NAME_CLASS = 'ed-remote-name';
const FLIPPED_CLASS = 'is-flipped';

export function useFadingCaretLabels(containerRef: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const container = containerRef.current;
    if (container === null) return;
    const timers = new Map<HTMLElement, ReturnType<typeof setTimeout>>();
    const showLabel = (caret: HTMLElement): void => {
      const label = caret.querySelector<HTMLElement>(`.${NAME_CLASS}`);
      if (label !== null) {
        // Both measured against the editor frame (the carets' offset parent): the unflipped label starts at the caret.
        caret.classList.toggle(FLIPPED_CLASS, caret.offsetLeft + label.offsetWidth > container.clientWidth);
      }
      caret.classList.add(ACTIVE_CLASS);
      clearTimeout(timers.get(caret));
      timers.set(
        caret,
        setTimeout(() => {
          caret.classList.remove(ACTIVE_CLASS);
          timers.delete(caret);
        }, LABEL_SHOWN_MS),
      );
    };
    const observer = new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        const targets = mutation.type === 'attributes' ? [mutation.target] : Array.from(mutation.addedNodes);
        for (const node of targets) if (node instanceof HTMLElement && node.classList.contains(CARET_CLASS)) showLabel(node);
      }
    });
    // Only style changes: the class change made here must not count as a move.
    observer.observe(container, { childList: true, subtree: true, attributes: true, attributeFilter: ['style'] });
    return () => {
      observer.disconnect();
      for (const timer of timers.values()) clearTimeout(timer);
    };
  }, [containerRef]);
}
