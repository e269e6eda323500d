// Publishes an element's height as a CSS variable on its parent, so fixed-position neighbours (the history
// drawer) can sit just below a sticky bar whose height changes as it wraps on narrow windows.
import { useLayoutEffect, type RefObject } from 'react';

export function useHeightVariable(ref: RefObject<HTMLElement | null>, variableName: string): void {
  useLayoutEffect(() => {
    const element = ref.current;
    const parent = element?.parentElement;
    if (!element || !parent) return;
    const publish = () => parent.style.setProperty(variableName, `${element.offsetHeight}px`);
    publish();
    const observer = new ResizeObserver(publish);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, variableName]);
}
