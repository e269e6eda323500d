// Publishes an element's height as a CSS variable on its parent, so fixed-position neighbours (the history
// drawer) can sit just below a sticky bar whose height changes as it wraps on narrow windows. Only a changed height
// is written: the variable is inherited by the whole document below, and every write makes the browser work out the
// style of all of it again (tens of milliseconds in a 10,000-paragraph document).
import { useEffect, type RefObject } from 'react';

export function useHeightVariable(ref: RefObject<HTMLElement | null>, variableName: string): void {
  useEffect(() => {
    const element = ref.current;
    const parent = element?.parentElement;
    if (!element || !parent) return;
    let published = '';
    const publish = (height: number) => {
      const value = `${height}px`;
      if (value === published) return;
      published = value;
      parent.style.setProperty(variableName, value);
    };
    // The observer's own measurement, first made before the first paint: reading offsetHeight would lay the page
    // out again, at once.
    const observer = new ResizeObserver(([entry]) => {
      const box = entry?.borderBoxSize[0];
      if (box !== undefined) publish(Math.round(box.blockSize));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, variableName]);
}
