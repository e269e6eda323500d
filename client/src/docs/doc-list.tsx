// The home screen: recent documents of this browser, a button for a new one and a box to open one by name.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Brand } from '../brand';
import { docPath } from '../doc-path';
import { formatRelativeTime } from './format-time';
import { newDocName } from './new-doc-name';
import { OpenDocForm } from './open-doc-form';
import { createRecentDocs, type RecentDoc } from './recent-docs';
import { createStartedHere } from './started-here';
import { carryTypedAhead } from './typed-ahead';

export function DocList({ storage }: { storage: Storage }) {
  const recentDocs = useMemo(() => createRecentDocs(storage), [storage]);
  const [entries, setEntries] = useState<RecentDoc[]>(() => recentDocs.list());
  const listRef = useRef<HTMLUListElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const removedIndex = useRef<number | null>(null);

  useEffect(() => {
    document.title = 'Tandem';
    // Another tab may open or rename documents while this list is showing.
    const refresh = () => setEntries(recentDocs.list());
    window.addEventListener('storage', refresh);
    return () => window.removeEventListener('storage', refresh);
  }, [recentDocs]);

  // A removed entry takes its focused button with it: the keyboard goes on from the entry that moved into its place
  // (the next one), else from the new last one (the previous one), else from the heading of the emptied list.
  useEffect(() => {
    const index = removedIndex.current;
    if (index === null) return;
    removedIndex.current = null;
    const forgetButtons = listRef.current?.querySelectorAll<HTMLButtonElement>('.recent-forget') ?? [];
    (forgetButtons[Math.min(index, forgetButtons.length - 1)] ?? headingRef.current)?.focus();
  }, [entries]);

  const open = (docName: string, query = '') => window.location.assign(query === '' ? docPath(docName) : `${docPath(docName)}?${query}`);
  const startNew = (button: HTMLButtonElement) => {
    const docName = newDocName();
    createStartedHere(storage).add(docName);
    // Letters typed from now on are the new document's first words: kept for its page (the button lets go of the
    // focus, so they are not the button's).
    button.blur();
    carryTypedAhead(docName, window.sessionStorage);
    open(docName);
  };

  return (
    <div className="home">
      <header className="home-header">
        <Brand />
      </header>
      <main className="home-main">
        <section className="home-intro">
          <h1>Write together, in real time.</h1>
          <p className="home-lede">
            Every document is a link. Share it and whoever opens it edits with you. Changes are kept on this device
            while you are offline.
          </p>
          <div className="home-actions">
            <button type="button" className="button button-primary button-large" data-testid="new-doc" onClick={(event) => startNew(event.currentTarget)}>
              <svg className="icon" viewBox="0 0 20 20" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" aria-hidden="true">
                <path d="M10 4v12M4 10h12" />
              </svg>
              New document
            </button>
          </div>
          <OpenDocForm onOpen={open} />
        </section>

        <section className="recent" aria-labelledby="recent-heading">
          <h2 id="recent-heading" ref={headingRef} tabIndex={-1}>
            Recent documents
          </h2>
          {entries.length === 0 ? (
            <div className="empty-state" data-testid="recent-empty">
              <p className="empty-title">No documents yet</p>
              <p>Documents you open in this browser show up here, so you can find your way back to them.</p>
            </div>
          ) : (
            <ul className="recent-list" ref={listRef}>
              {entries.map((entry, index) => (
                <li key={entry.name} className="recent-item" data-testid="recent-doc">
                  <a className="recent-link" href={docPath(entry.name)}>
                    <span className="recent-title">{entry.title ?? entry.name}</span>
                    <span className="recent-meta">
                      {entry.title !== undefined && <span className="recent-name">{entry.name}</span>}
                      <span>opened {formatRelativeTime(entry.openedAt)}</span>
                    </span>
                  </a>
                  <button
                    type="button"
                    className="icon-button recent-forget"
                    title={`Remove “${entry.title ?? entry.name}” from this list`}
                    aria-label={`Remove ${entry.name} from recent documents`}
                    onClick={() => {
                      recentDocs.forget(entry.name);
                      removedIndex.current = index;
                      setEntries(recentDocs.list());
                    }}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      </main>
    </div>
  );
}
