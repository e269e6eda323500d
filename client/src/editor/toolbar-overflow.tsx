// The toolbar's More button and the panel under it, holding the groups that do not fit in the row
// (use-toolbar-folding.ts). It works as a small menu: Enter, Space or ↓ on More opens it with the focus on its first
// button; the arrow keys, Home and End move within it; Escape closes it and goes back to More, Tab moves on. A button
// used in it does its work and closes it, the focus going back to the text (or into the dialog or panel that button
// opens), as a menu item does. A press outside closes it too.
import { useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { useDismiss } from '../use-dismiss';
import { useKeepInViewport } from '../use-keep-in-viewport';
import { toolbarIcons } from './toolbar-icons';

const nextKeys = new Set(['ArrowRight', 'ArrowDown']);
const previousKeys = new Set(['ArrowLeft', 'ArrowUp']);

export interface ToolbarOverflowProps {
  /** Gives the focus back to the text after a button in the panel was used from the keyboard. */
  readonly onUsed: () => void;
  /** The folded groups, in their order in the row. */
  readonly children: ReactNode;
}

export function ToolbarOverflow({ onUsed, children }: ToolbarOverflowProps) {
  const [isOpen, setIsOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const moreRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  // Opened from the keyboard: the focus goes to the panel's first button once it shows.
  const focusesFirst = useRef(false);
  const panelId = useId();
  useKeepInViewport(panelRef, isOpen);

  const enabledButtons = () => Array.from(panelRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? []).filter((button) => !button.disabled);
  const hasFocusInside = () => panelRef.current?.contains(document.activeElement) ?? false;

  const close = () => {
    // A panel button with the focus is about to be hidden: the focus goes back to More rather than to the page.
    if (hasFocusInside()) moreRef.current?.focus();
    setIsOpen(false);
  };
  useDismiss(rootRef, isOpen, close);

  useEffect(() => {
    if (!isOpen || !focusesFirst.current) return;
    focusesFirst.current = false;
    enabledButtons()[0]?.focus();
  }, [isOpen]);

  const open = (withFocus: boolean) => {
    focusesFirst.current = withFocus;
    setIsOpen(true);
  };

  const onMoreKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== 'ArrowDown') return;
    event.preventDefault();
    open(true);
  };

  const onPanelKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Tab') {
      // From More, where the focus would have been had the panel stayed shut; the browser then moves on from there.
      moreRef.current?.focus();
      setIsOpen(false);
      return;
    }
    const buttons = enabledButtons();
    const index = buttons.indexOf(event.target as HTMLButtonElement);
    const last = buttons.length - 1;
    let target: number;
    if (nextKeys.has(event.key)) target = index >= last ? 0 : index + 1;
    else if (previousKeys.has(event.key)) target = index <= 0 ? last : index - 1;
    else if (event.key === 'Home') target = 0;
    else if (event.key === 'End') target = last;
    else return;
    event.preventDefault();
    buttons[target]?.focus();
  };

  // After the button's own click handler: the menu has done its job.
  const onPanelClick = (event: MouseEvent<HTMLDivElement>) => {
    const button = (event.target as Element).closest('button');
    if (button === null || button.disabled) return;
    const wasFromKeyboard = hasFocusInside();
    setIsOpen(false);
    if (wasFromKeyboard) onUsed();
  };

  return (
    <div className="toolbar-group toolbar-overflow" data-more="" ref={rootRef}>
      <button
        ref={moreRef}
        type="button"
        className="tool-button"
        data-action="more"
        aria-label="More"
        title="More"
        aria-expanded={isOpen}
        aria-controls={panelId}
        onMouseDown={(event) => event.preventDefault()}
        // detail 0: Enter or Space, not a click.
        onClick={(event) => (isOpen ? setIsOpen(false) : open(event.detail === 0))}
        onKeyDown={onMoreKeyDown}
      >
        {toolbarIcons.more}
      </button>
      <div
        ref={panelRef}
        id={panelId}
        className="popover toolbar-overflow-panel"
        data-testid="toolbar-overflow"
        role="group"
        aria-label="More"
        hidden={!isOpen}
        onKeyDown={onPanelKeyDown}
        onClick={onPanelClick}
      >
        {children}
      </div>
    </div>
  );
}
