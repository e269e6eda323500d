// A notice under the toolbar that the person closes: with its Dismiss button, or Escape while the focus is in it.
// Closing it while the focus is in it sends the focus back to where it came from (the text, mostly), not to the
// page's top, where the notice's button had taken it away from the document. Its words are read out to screen
// readers when it appears (announce.ts).
import { useRef, type FocusEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useAnnouncedText } from '../announce';

export interface DismissibleNoticeProps {
  readonly testId: string;
  readonly onDismiss: () => void;
  /**
   * Told true while the pointer or the focus is on the notice (someone reading it, or about to press Dismiss), false
   * once both have left: a notice that goes by itself waits meanwhile.
   */
  readonly onHeld?: (isHeld: boolean) => void;
  readonly children: ReactNode;
}

export function DismissibleNotice({ testId, onDismiss, onHeld, children }: DismissibleNoticeProps) {
  const noticeRef = useRef<HTMLDivElement>(null);
  useAnnouncedText(noticeRef);
  /** Where the focus was before it came into the notice (Shift+Tab from the text, say). */
  const focusCameFrom = useRef<HTMLElement | null>(null);
  const held = useRef({ pointer: false, focus: false });
  const setHeld = (part: 'pointer' | 'focus', isHeld: boolean) => {
    const wasHeld = held.current.pointer || held.current.focus;
    held.current = { ...held.current, [part]: isHeld };
    const isHeldNow = held.current.pointer || held.current.focus;
    if (isHeldNow !== wasHeld) onHeld?.(isHeldNow);
  };
  const dismiss = () => {
    const notice = noticeRef.current;
    if (notice !== null && notice.contains(document.activeElement)) focusBack(notice, focusCameFrom.current);
    onDismiss();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    // Taken: the history panel behind leaves this Escape alone.
    event.preventDefault();
    dismiss();
  };
  return (
    <div
      ref={noticeRef}
      className="notice notice-info notice-dismissible"
      data-testid={testId}
      onKeyDown={onKeyDown}
      onPointerEnter={() => setHeld('pointer', true)}
      onPointerLeave={() => setHeld('pointer', false)}
      onFocus={(event) => {
        if (isFromOutside(event)) focusCameFrom.current = event.relatedTarget instanceof HTMLElement ? event.relatedTarget : null;
        setHeld('focus', true);
      }}
      onBlur={(event) => {
        if (isFromOutside(event)) setHeld('focus', false);
      }}
    >
      <span>{children}</span>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={dismiss}>
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
function focusBack(notice: HTMLElement, cameFrom: HTMLElement | null): void {
  if (cameFrom?.isConnected === true && !notice.contains(cameFrom)) {
    cameFrom.focus();
    return;
  }
  notice.ownerDocument.querySelector<HTMLElement>('[data-testid=editor] [contenteditable=true]')?.focus();
}
