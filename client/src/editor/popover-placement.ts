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

/** The part of the window the text shows in: below the sticky bars (`top`), above the window's bottom edge. */
export interface VisibleArea {
  readonly top: number;
  readonly bottom: number;
  readonly width: number;
}

export interface Placement {
  readonly top: number;
  readonly left: number;
  readonly width: number;
  /** How far to scroll the page down first (px), so that the text comes up and the box fits under it; 0: none. */
  readonly scrollBy: number;
}

/**
 * Where a box of `width` × `height` goes beside the text at `rect`, all of it inside `area`: under the text when it
 * fits there, else above it when it fits there (never over the bars above `area`), else under the text once the page
 * has scrolled by `scrollBy`; that scroll stops with the text just under the bars, and a box that still does not fit
 * is held inside `area`, over the lines below the text. `canScroll` false: the page has scrolled what it could.
 */
export function placementBeside(rect: DOMRect, width: number, height: number, area: VisibleArea, canScroll = true): Placement {
  const boxWidth = Math.min(width, area.width - 2 * VIEWPORT_MARGIN);
  const left = Math.max(VIEWPORT_MARGIN, Math.min(rect.left, area.width - VIEWPORT_MARGIN - boxWidth));
  const highest = area.top + GAP;
  const lowest = area.bottom - VIEWPORT_MARGIN - height;
  const below = rect.bottom + GAP;
  if (below <= lowest) return { top: below, left, width: boxWidth, scrollBy: 0 };
  const above = rect.top - GAP - height;
  if (above >= highest) return { top: above, left, width: boxWidth, scrollBy: 0 };
  const scrollBy = canScroll ? Math.max(0, Math.min(below - lowest, rect.top - highest)) : 0;
  const top = Math.max(highest, Math.min(below - scrollBy, lowest));
  return { top, left, width: boxWidth, scrollBy };
}
