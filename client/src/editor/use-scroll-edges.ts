// Whether a sideways-scrolling element has more to show before or after what is in view: the phone toolbar shows
// an arrow on that side (a faded edge alone went unnoticed: 15 of 27 buttons sat out of view, unsuspected).
import { useEffect, useState, type RefObject } from 'react';

export interface ScrollEdges {
  readonly hasMoreBefore: boolean;
  readonly hasMoreAfter: boolean;
}

/** Less than this left to scroll counts as none (sub-pixel widths never reach the very end). */
const SLACK_PX = 2;

export function useScrollEdges(ref: RefObject<HTMLElement | null>): ScrollEdges {
  const [edges, setEdges] = useState<ScrollEdges>({ hasMoreBefore: false, hasMoreAfter: false });
  useEffect(() => {
    const element = ref.current;
    if (element === null) return;
    const measure = () => {
      const hasMoreBefore = element.scrollLeft > SLACK_PX;
      const hasMoreAfter = element.scrollLeft + element.clientWidth < element.scrollWidth - SLACK_PX;
      setEdges((previous) => (previous.hasMoreBefore === hasMoreBefore && previous.hasMoreAfter === hasMoreAfter ? previous : { hasMoreBefore, hasMoreAfter }));
    };
    measure();
    element.addEventListener('scroll', measure, { passive: true });
    const resizes = new ResizeObserver(measure);
    resizes.observe(element);
    return () => {
      element.removeEventListener('scroll', measure);
      resizes.disconnect();
    };
  }, [ref]);
  return edges;
}
