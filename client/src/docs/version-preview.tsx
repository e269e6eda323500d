// A read-only rendering of one version, from the server's HTML export, sanitized before it touches the page.
import { useLayoutEffect, useRef } from 'react';
import { sanitizeHtml } from './sanitize-html';

export function VersionPreview({ title, html, onClose }: { title: string; html: string; onClose: () => void }) {
  const bodyRef = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    bodyRef.current?.replaceChildren(sanitizeHtml(html));
  }, [html]);
  return (
    <section className="version-preview" data-testid="version-preview" aria-label={`Preview of ${title}`}>
      <header className="version-preview-header">
        <span>
          Preview: <strong>{title}</strong>
        </span>
        <button type="button" className="icon-button" aria-label="Close preview" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="version-preview-body preview-prose" ref={bodyRef} />
    </section>
  );
}
