// Whether someone's import or restore is putting new content into the document right now (see
// shared/replacement-notice.ts): typing is held meanwhile, since a caret in a block the replacement just deleted
// jumps into the half-arrived new content, and the words typed there landed in its middle.
import { useCallback, useEffect, useState } from 'react';
import type * as Y from 'yjs';
import type { RecordedReplacement } from '../../../shared/replacement-notice';

/**
 * How long typing stays held without a change from the server: pieces arrive every few milliseconds, so this only
 * ends the hold when the server stopped half-way (killed, or its connection lost) and the notice will never complete.
 */
export const STALLED_REPLACEMENT_MS = 15_000;

/** The replacement under way (held from its first piece to its last), or null. */
export function useReplacementInProgress(doc: Y.Doc): {
  readonly inProgress: RecordedReplacement | null;
  /** Counts the notices heard: each one may have held typing (see holdTyping), which a render then sets right. */
  readonly noticesHeard: number;
  readonly noteReplacement: (notice: RecordedReplacement) => void;
} {
  const [inProgress, setInProgress] = useState<RecordedReplacement | null>(null);
  const [noticesHeard, setNoticesHeard] = useState(0);
  useEffect(() => {
    if (inProgress === null) return;
    const giveUp = () => setInProgress(null);
    let stalled = setTimeout(giveUp, STALLED_REPLACEMENT_MS);
    const onUpdate = () => {
      clearTimeout(stalled);
      stalled = setTimeout(giveUp, STALLED_REPLACEMENT_MS);
    };
    doc.on('update', onUpdate);
    return () => {
      clearTimeout(stalled);
      doc.off('update', onUpdate);
    };
  }, [doc, inProgress]);
  const noteReplacement = useCallback((notice: RecordedReplacement) => {
    setInProgress(notice.isComplete ? null : notice);
    setNoticesHeard((count) => count + 1);
  }, []);
  return { inProgress, noticesHeard, noteReplacement };
}
