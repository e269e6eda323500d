// Where a small floating form or bar goes: just under a piece of text on screen, inside the window (or above the
// text when there is no room below).
import type { CSSProperties } from 'react';

const VIEWPORT_MARGIN = 12;
const GAP = 6;

/**
 * Fixed-position style for a box of at most `width` px under `rect` (left edges aligned, kept inside the window).
 * With `height`, the box opens above the text when that much room is missing below it.
 */
export function placementUnder(rect: DOMRect, width: number, height = 0): CSSProperties {
  const boxWidth = Math.min(width, window.innerWidth - 2 * VIEWPORT_MARGIN);
  const left = Math.max(VIEWPORT_MARGIN, Math.min(rect.left, window.innerWidth - VIEWPORT_MARGIN - boxWidth));
  const fitsBelow = rect.bottom + GAP + height <= window.innerHeight;
  const top = fitsBelow ? rect.bottom + GAP : Math.max(VIEWPORT_MARGIN, rect.top - GAP - height);
  return { position: 'fixed', top, left, width: boxWidth, transform: 'none' };
}
