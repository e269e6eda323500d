// Other people's name labels show while they type or move their caret and fade out after a few seconds of stillness,
// as in Google Docs: a label that stayed up hid a word of the line above for as long as its owner sat still. The
// caret keeps a small flag, so where someone is stays visible. CollaborationPlugin draws the carets and moves them
// by changing their style, so a MutationObserver sees every move without reaching into the plugin. A label that
// would run past the editor's right edge (a caret near the end of a line, a long name) hangs to the left instead,
// and one that would cover another shown label (two people a few letters apart) goes up a step above it.
import { useEffect, type RefObject } from 'react';

/** How long a label stays after its caret last moved. */
const LABEL_SHOWN_MS = 3_000;
const CARET_CLASS = 'ed-remote-caret';
const ACTIVE_CLASS = 'is-active';
const NAME_CLASS = 'ed-remote-name';
const FLIPPED_CLASS = 'is-flipped';
/** How many steps above its usual place a label is drawn (styles.css); an attribute the observer does not watch. */
const LEVEL_ATTRIBUTE = 'data-label-level';
/** Labels go up at most this many steps; beyond that they may overlap. */
const MAX_LEVEL = 2;
/** Room kept between two labels side by side, in pixels. */
const LABEL_GAP_PX = 2;

interface LabelBox {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * Gives every shown label the lowest step at which it covers no label placed before it, going down the page and
 * left to right: the first of two neighbours stays on its caret, the next goes up. Reads all sizes, then writes.
 */
function arrangeLabels(container: HTMLElement): void {
  const shown = Array.from(container.querySelectorAll<HTMLElement>(`.${CARET_CLASS}.${ACTIVE_CLASS}`)).flatMap((caret) => {
    const label = caret.querySelector<HTMLElement>(`.${NAME_CLASS}`);
    if (label === null) return [];
    const width = label.offsetWidth;
    const left = caret.classList.contains(FLIPPED_CLASS) ? caret.offsetLeft - width : caret.offsetLeft;
    return [{ caret, left, right: left + width, top: caret.offsetTop + label.offsetTop, height: label.offsetHeight }];
  });
  shown.sort((a, b) => a.top - b.top || a.left - b.left);
  const placed: LabelBox[] = [];
  const levels = shown.map(({ left, right, top, height }) => {
    let level = 0;
    const boxAt = (step: number): LabelBox => ({ left, right, top: top - step * height, bottom: top - step * height + height });
    while (level < MAX_LEVEL && placed.some((other) => overlaps(other, boxAt(level)))) level++;
    placed.push(boxAt(level));
    return level;
  });
  shown.forEach(({ caret }, i) => {
    const level = levels[i] ?? 0;
    if (level === 0) caret.removeAttribute(LEVEL_ATTRIBUTE);
    else caret.setAttribute(LEVEL_ATTRIBUTE, String(level));
  });
}

function overlaps(a: LabelBox, b: LabelBox): boolean {
  return a.left < b.right + LABEL_GAP_PX && b.left < a.right + LABEL_GAP_PX && a.top < b.bottom && b.top < a.bottom;
}

export function useFadingCaretLabels(containerRef: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const container = containerRef.current;
    if (container === null) return;
    const timers = new Map<HTMLElement, ReturnType<typeof setTimeout>>();
    // Once per frame, after the moves of that frame: several carets can move at once (a remote change).
    let arrangeFrame: number | null = null;
    const arrangeSoon = (): void => {
      if (arrangeFrame !== null) return;
      arrangeFrame = requestAnimationFrame(() => {
        arrangeFrame = null;
        arrangeLabels(container);
      });
    };
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
          arrangeSoon(); // the labels it pushed up can come back down
        }, LABEL_SHOWN_MS),
      );
      arrangeSoon();
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
      if (arrangeFrame !== null) cancelAnimationFrame(arrangeFrame);
    };
  }, [containerRef]);
}
