// Nudges an open popover sideways so all of it stays inside the window: one anchored to a control that the header
// wraps to the left edge of a phone would otherwise open past that edge. Measured again when the window resizes.
import { useLayoutEffect, type RefObject } from 'react';

const VIEWPORT_MARGIN = 8;

export function useKeepInViewport(ref: RefObject<HTMLElement | null>, isOpen: boolean): void {
  useLayoutEffect(() => {
    const box = ref.current;
    if (!isOpen || box === null) return;
    const place = () => {
      box.style.translate = '';
      const { left, right } = box.getBoundingClientRect();
      // clientWidth leaves out a scrollbar, which innerWidth counts.
      const viewportWidth = document.documentElement.clientWidth;
      const shift = Math.max(VIEWPORT_MARGIN - left, Math.min(0, viewportWidth - VIEWPORT_MARGIN - right));
      if (shift !== 0) box.style.translate = `${shift}px 0`;
    };
    place();
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, [ref, isOpen]);
}
