// The toolbar as one stop in the Tab order (the WAI-ARIA toolbar pattern): Tab reaches the button last used, by
// keyboard or mouse (at first the first one that is enabled), the arrow keys move between buttons, Home and End go to the ends. Before,
// each of the 19 buttons was a Tab stop of its own between the header and the text. Escape goes back to the text, as
// in Google Docs. The tabindex attributes are set here, after every render, so React never resets them. The buttons
// folded under More are not stops of the row: the panel they are in has its own keys (toolbar-overflow.tsx).
import { useEffect, useRef, type FocusEvent, type KeyboardEvent, type MouseEvent, type RefObject } from 'react';

const PANEL_SELECTOR = '.toolbar-overflow-panel';

function buttonsOf(toolbar: HTMLElement): HTMLButtonElement[] {
  return Array.from(toolbar.querySelectorAll<HTMLButtonElement>('button')).filter((button) => !button.disabled && button.closest(PANEL_SELECTOR) === null);
}

export interface RovingToolbarHandlers {
  onKeyDown(event: KeyboardEvent<HTMLElement>): void;
  onFocus(event: FocusEvent<HTMLElement>): void;
  /** A click keeps the focus in the editor (the buttons prevent it), so it is noted here. */
  onMouseDownCapture(event: MouseEvent<HTMLElement>): void;
}

/** `onEscape` gives the focus back to the text; Escape inside a dialog the toolbar holds stays the dialog's. */
export function useRovingToolbar(toolbarRef: RefObject<HTMLElement | null>, onEscape: () => void): RovingToolbarHandlers {
  const currentRef = useRef<HTMLButtonElement | null>(null);

  // After every render: exactly one enabled button takes Tab, the current one while it is enabled.
  useEffect(() => {
    const toolbar = toolbarRef.current;
    if (toolbar === null) return;
    const buttons = buttonsOf(toolbar);
    const current = currentRef.current !== null && buttons.includes(currentRef.current) ? currentRef.current : (buttons[0] ?? null);
    for (const button of toolbar.querySelectorAll<HTMLButtonElement>('button')) button.tabIndex = button === current ? 0 : -1;
  });

  const makeCurrent = (button: HTMLButtonElement) => {
    for (const other of buttonsOf(toolbarRef.current!)) other.tabIndex = other === button ? 0 : -1;
    currentRef.current = button;
  };
  const buttonAt = (target: EventTarget | null) => (target instanceof Element && target.closest(PANEL_SELECTOR) === null ? target.closest('button') : null);

  return {
    onFocus: (event) => {
      const button = buttonAt(event.target);
      if (button !== null) makeCurrent(button);
    },
    onMouseDownCapture: (event) => {
      const button = buttonAt(event.target);
      if (button !== null && !button.disabled) makeCurrent(button);
    },
    onKeyDown: (event) => {
      const toolbar = toolbarRef.current;
      if (toolbar === null || !(event.target instanceof HTMLButtonElement)) return;
      if (event.key === 'Escape') {
        if (event.defaultPrevented || event.target.closest('dialog') !== null) return;
        event.preventDefault();
        onEscape();
        return;
      }
      const buttons = buttonsOf(toolbar);
      const index = buttons.indexOf(event.target);
      if (index < 0) return;
      const last = buttons.length - 1;
      const targets: Record<string, number> = { ArrowRight: index >= last ? 0 : index + 1, ArrowLeft: index <= 0 ? last : index - 1, Home: 0, End: last };
      const target = targets[event.key];
      if (target === undefined) return;
      event.preventDefault();
      const button = buttons[target];
      if (button === undefined) return;
      makeCurrent(button);
      button.focus();
    },
  };
}
