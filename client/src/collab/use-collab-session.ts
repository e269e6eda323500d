// Opens the collaboration session of a document for as long as the editor screen shows it. Created in an effect,
// not during render, so React's double-invoked effects (StrictMode) destroy the first one instead of leaking it.
// `reopen` replaces it with a fresh one (after discarding this browser's unsaved edits, say).
import { useCallback, useEffect, useState } from 'react';
import { openCollabSession, type CollabSessionOptions, type CollabSession } from './collab-session';

export interface OpenedCollabSession {
  /** Null until the first session is open, and for a moment while one is replaced. */
  readonly session: CollabSession | null;
  /** Destroys the current session and opens the document again. */
  readonly reopen: () => void;
}

export function useCollabSession(options: CollabSessionOptions): OpenedCollabSession {
  const [session, setSession] = useState<CollabSession | null>(null);
  const [opening, setOpening] = useState(0);
  const { docName } = options;
  useEffect(() => {
    const opened = openCollabSession(options);
    setSession(opened);
    return () => {
      setSession(null);
      opened.destroy();
    };
    // The other options are fixed for the life of the page (config is read once); only the document changes, or a
    // reopen asks for a new session.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [docName, opening]);
  const reopen = useCallback(() => setOpening((count) => count + 1), []);
  return { session, reopen };
}
