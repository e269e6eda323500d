// The notice for what was dropped or pasted on the document and did not go in (see files-not-added.ts). News of the
// moment: it goes by itself after a while, each new drop's notice its full time, or at once with its button or
// Escape (see dismissible-notice.tsx). It stays while the pointer or the focus is on it (someone reading it, or about
// to press Dismiss).
import { useEffect, useRef, useState } from 'react';
import { DismissibleNotice } from './dismissible-notice';
import type { FilesNotAddedNotice } from './files-not-added';

/** How long the notice stays unless dismissed, counted again from when the pointer and the focus have left it. */
const FILES_NOT_ADDED_MS = 10_000;

export interface FilesNotAddedBarProps {
  /** A new object for every drop: its wait starts again. */
  readonly notice: FilesNotAddedNotice;
  readonly onDismiss: () => void;
}

export function FilesNotAddedBar({ notice, onDismiss }: FilesNotAddedBarProps) {
  const [isHeld, setIsHeld] = useState(false);
  // The latest callback, so a new one from the parent does not restart the wait.
  const dismissRef = useRef(onDismiss);
  dismissRef.current = onDismiss;
  useEffect(() => {
    if (isHeld) return;
    const timer = setTimeout(() => dismissRef.current(), FILES_NOT_ADDED_MS);
    return () => clearTimeout(timer);
  }, [notice, isHeld]);

  return (
    <DismissibleNotice testId="files-not-added" onDismiss={onDismiss} onHeld={setIsHeld}>
      <strong>{notice.headline}</strong> {notice.detail}
    </DismissibleNotice>
  );
}
