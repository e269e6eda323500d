// The document's title as the editor page shows and remembers it: in the header and the browser tab (see
// shared/lexical/document-title.ts), and in this browser's recent documents once the content is known.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createRecentDocs } from '../docs/recent-docs';

export interface TitleState {
  readonly value: string | null;
  readonly set: (title: string | null) => void;
}

/** The title shown in the header and the browser tab (see document-title.ts), or null while the document has no text. */
export function useDocumentTitle(docName: string, storage: Storage): TitleState {
  const [value, setValue] = useState<string | null>(null);
  const recentDocs = useMemo(() => createRecentDocs(storage), [storage]);
  const set = useCallback((title: string | null) => setValue(title), []);

  useEffect(() => recentDocs.remember(docName), [recentDocs, docName]);
  useEffect(() => {
    document.title = `${value ?? docName} · Tandem`;
  }, [docName, value]);

  return useMemo(() => ({ value, set }), [value, set]);
}

/**
 * Keeps the recent list's title in step with the document once its content is known (before that the editor is
 * empty, and its missing title would wipe the stored one), after typing pauses (the title changes with every keystroke
 * in the line it comes from). A document left without text goes back to being listed by its name.
 */
export function useRememberedTitle(docName: string, storage: Storage, title: string | null, isContentReady: boolean): void {
  const recentDocs = useMemo(() => createRecentDocs(storage), [storage]);
  // A title still waiting for its write goes out at once when the person leaves (another page of the app, another
  // document, the tab closing): the list on the home page showed the name from before the last edit.
  const pending = useRef<{ docName: string; title: string | null } | null>(null);
  const writePending = useCallback(() => {
    if (pending.current === null) return;
    recentDocs.remember(pending.current.docName, pending.current.title);
    pending.current = null;
  }, [recentDocs]);
  useEffect(() => {
    if (!isContentReady) return;
    if (pending.current !== null && pending.current.docName !== docName) writePending();
    pending.current = { docName, title };
    const timer = setTimeout(writePending, 800);
    return () => clearTimeout(timer);
  }, [docName, title, isContentReady, writePending]);
  useEffect(() => {
    window.addEventListener('pagehide', writePending);
    return () => {
      window.removeEventListener('pagehide', writePending);
      writePending();
    };
  }, [writePending]);
}
