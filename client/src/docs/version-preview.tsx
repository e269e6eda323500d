// A read-only rendering of one version, from the server's HTML export, sanitized before it touches the page. "Show
// changes" marks it against the document now (version-changes.ts), kept up to date while people type.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { markChanges, type ChangeCounts } from './version-changes';
import { sanitizeHtml } from './sanitize-html';

/** The document now, for the comparison: rendered as HTML the way versions are, and watched for changes. */
export interface CurrentDocument {
  render(): string;
  /** Calls `onChange` after each change to the content; returns the unsubscribe. */
  watch(onChange: () => void): () => void;
}

/** A comparison follows the document this long after the last change (rendering a long document takes a moment). */
const RECOMPARE_AFTER_MS = 400;

export function VersionPreview({ title, html, current, onClose }: { title: string; html: string; current: CurrentDocument; onClose: () => void }) {
  const bodyRef = useRef<HTMLDivElement>(null);
  const [showsChanges, setShowsChanges] = useState(false);
  const [counts, setCounts] = useState<ChangeCounts | null>(null);
  const [nowChanged, setNowChanged] = useState(0);

  useEffect(() => {
    if (!showsChanges) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = current.watch(() => {
      clearTimeout(timer);
      timer = setTimeout(() => setNowChanged((count) => count + 1), RECOMPARE_AFTER_MS);
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [current, showsChanges]);

  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (body === null) return;
    body.replaceChildren(sanitizeHtml(html));
    if (!showsChanges) return setCounts(null);
    const now = document.createElement('div');
    now.append(sanitizeHtml(current.render()));
    setCounts(markChanges(body, now));
  }, [html, current, showsChanges, nowChanged]);

  return (
    <section className="version-preview" data-testid="version-preview" aria-label={`Preview of ${title}`}>
      <header className="version-preview-header">
        <span className="version-preview-title">
          Preview: <strong>{title}</strong>
        </span>
        <button type="button" className="button button-small" data-action="show-changes" aria-pressed={showsChanges} onClick={() => setShowsChanges((shows) => !shows)}>
          {showsChanges ? 'Hide changes' : 'Show changes'}
        </button>
        <button type="button" className="icon-button" aria-label="Close preview" onClick={onClose}>
          ×
        </button>
      </header>
      {counts !== null && (
        <p className="version-changes-key" data-testid="version-changes-key" role="status">
          {counts.fromVersion === 0 && counts.fromNow === 0 ? (
            'This version reads the same as the document now.'
          ) : (
            <>
              <ins>Only in this version</ins> <del>Only in the document now</del>
            </>
          )}
        </p>
      )}
      <div className="version-preview-body preview-prose" ref={bodyRef} />
    </section>
  );
}
