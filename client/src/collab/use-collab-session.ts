// Opens the collaboration session of a document for as long as the editor screen shows it. Created in an effect,
// not during render, so React's double-invoked effects (StrictMode) destroy the first one instead of leaking it.
import { useEffect, useState } from 'react';
import { openCollabSession, type CollabSessionOptions, type CollabSession } from './collab-session';

export function useCollabSession(options: CollabSessionOptions): CollabSession | null {
  const [session, setSession] = useState<CollabSession | null>(null);
  const { docName } = options;
  useEffect(() => {
    const opened = openCollabSession(options);
    setSession(opened);
    return () => {
      setSession(null);
      opened.destroy();
    };
    // The other options are fixed for the life of the page (config is read once); only the document changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [docName]);
  return session;
}
