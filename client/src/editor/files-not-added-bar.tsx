// The notice for what was dropped or pasted on the document and did not go in (see files-not-added.ts). News of the
// moment: it goes by itself after a while, each new drop's notice its full time, or at once with its button or
// Escape. It stays while the pointer or the focus is on it (someone reading it, or about to press Dismiss), and the
// focus it held goes back to where it came from, not to the page's top.
import { useEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import type { FilesNotAddedNotice } from './files-not-added';

/** How long the notice stays unless dismissed, counted again from when the pointer and the focus have left it. */
const FILES_NOT_ADDED_MS = 10_000;

export interface FilesNotAddedBarProps {
  /** A new object for every drop: its wait starts again. */
  readonly notice: FilesNotAddedNotice;
  readonly onDismiss: () => void;
}

export function FilesNotAddedBar({ notice, onDismiss }: FilesNotAddedBarProps) {
  const barRef = useRef<HTMLDivElement>(null);
  /** Where the focus was before it came into the notice (Shift+Tab from the text, say). */
  const focusCameFrom = useRef<HTMLElement | null>(null);
  const [isPointerIn, setIsPointerIn] = useState(false);
  const [isFocusIn, setIsFocusIn] = useState(false);
  const closeRef = useRef(() => {});
  closeRef.current = () => {
    const bar = barRef.current;
    if (bar !== null && bar.contains(document.activeElement)) focusBack(bar, focusCameFrom.current);
    onDismiss();
  };
  useEffect(() => {
    if (isPointerIn || isFocusIn) return;
    const timer = setTimeout(() => closeRef.current(), FILES_NOT_ADDED_MS);
    return () => clearTimeout(timer);
  }, [notice, isPointerIn, isFocusIn]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    // Taken: the history panel behind leaves this Escape alone.
    event.preventDefault();
    closeRef.current();
  };
  return (
    <div
      ref={barRef}
      className="notice notice-info notice-dismissible"
      role="status"
      data-testid="files-not-added"
      onKeyDown={onKeyDown}
      onPointerEnter={() => setIsPointerIn(true)}
      onPointerLeave={() => setIsPointerIn(false)}
      onFocus={(event) => {
        if (isFromOutside(event)) focusCameFrom.current = event.relatedTarget instanceof HTMLElement ? event.relatedTarget : null;
        setIsFocusIn(true);
      }}
      onBlur={(event) => {
        if (isFromOutside(event)) setIsFocusIn(false);
      }}
    >
      <span>
        <strong>{notice.headline}</strong> {notice.detail}
      </span>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => closeRef.current()}>
        ×
      </button>
    </div>
  );
}

/** Whether the focus came from (or, leaving, goes to) outside the notice. */
function isFromOutside(event: FocusEvent<HTMLElement>): boolean {
  return !(event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget));
}

/** Back to `cameFrom` while it is still on the page, else to the document's text when it takes the focus. */
function focusBack(bar: HTMLElement, cameFrom: HTMLElement | null): void {
  if (cameFrom?.isConnected === true && !bar.contains(cameFrom)) {
    cameFrom.focus();
    return;
  }
  bar.ownerDocument.querySelector<HTMLElement>('[data-testid=editor] [contenteditable=true]')?.focus();
}
