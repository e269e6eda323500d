// Closes a popover or menu when the user clicks outside it or presses Escape.
import { useEffect, type RefObject } from 'react';

export function useDismiss(ref: RefObject<HTMLElement | null>, isOpen: boolean, onDismiss: () => void): void {
  useEffect(() => {
    if (!isOpen) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) onDismiss();
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      // Taken: a panel behind this (the history panel) leaves it alone, so one Escape closes one thing.
      event.preventDefault();
      onDismiss();
    };
    document.addEventListener('pointerdown', onPointerDown);
    // Capture phase: ahead of listeners for the page behind it, which check defaultPrevented.
    document.addEventListener('keydown', onKeyDown, { capture: true });
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown, { capture: true });
    };
  }, [ref, isOpen, onDismiss]);
}
