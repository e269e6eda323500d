import { describe, expect, it } from 'vitest';
import { placementBeside, type VisibleArea } from './popover-placement';

/** A line of text 20 px tall, at `top`. */
function line(top: number, left = 100): DOMRect {
  return { top, bottom: top + 20, left, right: left + 60, width: 60, height: 20, x: left, y: top, toJSON: () => ({}) };
}

// 640 × 400 at 200 % zoom: the header and toolbar take the top 130 px.
const small: VisibleArea = { top: 130, bottom: 400, width: 640 };

describe('placementBeside', () => {
  it('puts the box under the text when it fits there', () => {
    expect(placementBeside(line(150), 440, 100, small)).toEqual({ top: 176, left: 100, width: 440, scrollBy: 0 });
  });

  it('puts it above the text when only that side has room, never over the bars at the top', () => {
    expect(placementBeside(line(340), 440, 100, small)).toMatchObject({ top: 234, scrollBy: 0 });
  });

  it('scrolls the text up when neither side has room, and puts the box under it, inside the window', () => {
    // Under the line at 250 the box would end at 432; above it, it would start at 88, under the toolbar.
    const placement = placementBeside(line(250), 440, 156, small);
    expect(placement.scrollBy).toBe(250 + 20 + 6 + 156 - (400 - 12));
    expect(placement.top).toBe(250 + 20 + 6 - placement.scrollBy);
    expect(placement.top + 156).toBeLessThanOrEqual(400 - 12);
    expect(placement.top).toBeGreaterThanOrEqual(small.top);
  });

  it('scrolls no further than brings the text just under the bars; a box that still does not fit stays inside the area', () => {
    const placement = placementBeside(line(250), 440, 240, small);
    expect(placement.scrollBy).toBe(250 - (130 + 6));
    expect(placement.top).toBeGreaterThanOrEqual(small.top);
    expect(placement.top + 240).toBeLessThanOrEqual(400 - 12);
  });

  it('once the page has scrolled what it could, holds the box inside the area without covering the bars', () => {
    const placement = placementBeside(line(250), 440, 156, small, false);
    expect(placement.scrollBy).toBe(0);
    expect(placement.top).toBe(400 - 12 - 156);
    expect(placement.top).toBeGreaterThanOrEqual(small.top);
  });

  it('keeps the box inside a narrow window', () => {
    expect(placementBeside(line(150, 300), 440, 100, { top: 100, bottom: 700, width: 375 })).toMatchObject({ left: 12, width: 351 });
  });
});
