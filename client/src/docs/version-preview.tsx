// A read-only rendering of one version, from the server's HTML export, sanitized before it touches the page. "Show
// changes" marks it against the document now (version-changes.ts), kept up to date while people type.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useAnnouncedText } from '../announce';
import { CHANGE_SELECTOR, markChanges, type ChangeCounts } from './version-changes';
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
  const changesKeyRef = useRef<HTMLParagraphElement>(null);
  useAnnouncedText(changesKeyRef);
  const [showsChanges, setShowsChanges] = useState(false);
  const [counts, setCounts] = useState<ChangeCounts | null>(null);
  const [nowChanged, setNowChanged] = useState(0);
  /** The change last brought into view by "Next change", counted from the top. */
  const shownChange = useRef(-1);

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

  // Turned on, the comparison opens at its first change: in a long document it may be pages down.
  useLayoutEffect(() => {
    shownChange.current = -1;
    if (showsChanges) showChange(bodyRef.current, 0, shownChange);
  }, [html, showsChanges]);

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
        <p ref={changesKeyRef} className="version-changes-key" data-testid="version-changes-key">
          {counts.blocks === 0 ? (
            'This version reads the same as the document now.'
          ) : (
            <>
              <span className="version-changes-count">{counts.blocks === 1 ? '1 change' : `${counts.blocks} changes`}</span>
              <ins>Only in this version</ins> <del>Only now</del> <span className="change-formatted-key">Formatting differs</span>
              {counts.blocks > 1 && (
                <button type="button" className="link-button" data-action="next-change" onClick={() => showChange(bodyRef.current, shownChange.current + 1, shownChange)}>
                  Next change
                </button>
              )}
            </>
          )}
        </p>
      )}
      <div className="version-preview-body preview-prose" ref={bodyRef} />
    </section>
  );
}

/** Scrolls the preview to its `index`-th change (the first again after the last) and remembers which it shows. */
function showChange(body: HTMLElement | null, index: number, shown: { current: number }): void {
  const changes = body?.querySelectorAll<HTMLElement>(CHANGE_SELECTOR) ?? [];
  if (body === null || changes.length === 0) return;
  const at = index % changes.length;
  shown.current = at;
  const change = changes[at]!;
  body.scrollTop += change.getBoundingClientRect().top - body.getBoundingClientRect().top - body.clientHeight / 3;
  for (const other of changes) other.classList.toggle('change-current', other === change);
}
