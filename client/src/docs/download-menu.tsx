// "Download": the current document as Markdown, HTML, plain text or Lexical JSON, fetched from the export endpoint
// (so the file is what the server holds) and saved under the document's name. A menu in the ARIA sense: opening it
// puts the focus on its first item, the arrow keys (and Home, End) move between items, Escape closes it.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useDismiss } from '../use-dismiss';
import type { DocApi, ExportFormat } from './doc-api';
import { saveBlob } from './save-blob';

const formats: ReadonlyArray<{ format: ExportFormat; label: string; extension: string }> = [
  { format: 'markdown', label: 'Markdown (.md)', extension: 'md' },
  { format: 'html', label: 'Web page (.html)', extension: 'html' },
  { format: 'text', label: 'Plain text (.txt)', extension: 'txt' },
  { format: 'json', label: 'Lexical JSON (.json)', extension: 'json' },
];

export function DownloadMenu({ api, docName, fileTitle }: { api: DocApi; docName: string; fileTitle: string }) {
  const [isOpen, setIsOpen] = useState(false);
  const [busyFormat, setBusyFormat] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => {
    // Closed from inside (Escape, a finished download, whose item was disabled meanwhile and so lost the focus): the
    // focus goes back to the button, not to the page.
    const active = document.activeElement;
    if (active === null || active === document.body || rootRef.current?.contains(active)) buttonRef.current?.focus();
    setIsOpen(false);
  }, []);
  useDismiss(rootRef, isOpen, close);
  useEffect(() => {
    if (isOpen) menuItemsOf(menuRef.current)[0]?.focus();
  }, [isOpen]);

  const download = async (format: ExportFormat, extension: string) => {
    setBusyFormat(format);
    setError(null);
    try {
      const blob = await api.exportDoc(format);
      saveBlob(blob, `${fileNameFor(fileTitle, docName)}.${extension}`);
      close();
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : 'The download failed.');
    } finally {
      setBusyFormat(null);
    }
  };

  return (
    <div className="menu-root" ref={rootRef}>
      <button
        type="button"
        ref={buttonRef}
        className="button button-quiet"
        data-testid="download-open"
        aria-haspopup="menu"
        aria-expanded={isOpen}
        onClick={() => {
          setError(null);
          setIsOpen((open) => !open);
        }}
      >
        Download
        <span className="caret" aria-hidden="true" />
      </button>
      {isOpen && (
        <div className="popover menu" role="menu" data-testid="download-menu" ref={menuRef} onKeyDown={moveFocusWithArrows}>
          {formats.map(({ format, label, extension }) => (
            <button key={format} type="button" role="menuitem" className="menu-item" data-format={format} disabled={busyFormat !== null} onClick={() => void download(format, extension)}>
              {label}
              {busyFormat === format && <span className="menu-item-note">Preparing…</span>}
            </button>
          ))}
          {error !== null && (
            <p className="field-error menu-error" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
    </div>
  );
}

function menuItemsOf(menu: HTMLElement | null): HTMLElement[] {
  return menu === null ? [] : Array.from(menu.querySelectorAll<HTMLElement>('[role=menuitem]'));
}

/** ArrowDown / ArrowUp go to the next / previous item (wrapping around), Home / End to the first / last. */
function moveFocusWithArrows(event: KeyboardEvent<HTMLElement>): void {
  const items = menuItemsOf(event.currentTarget);
  const current = items.indexOf(document.activeElement as HTMLElement);
  const last = items.length - 1;
  const next: Record<string, number> = { ArrowDown: current >= last ? 0 : current + 1, ArrowUp: current <= 0 ? last : current - 1, Home: 0, End: last };
  const target = next[event.key];
  if (target === undefined || items.length === 0) return;
  event.preventDefault();
  items[target]?.focus();
}

/** The title when there is one ("Trip plan" → "Trip plan"), made safe for file systems; else the doc name. */
function fileNameFor(title: string, docName: string): string {
  const cleaned = title.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80);
  return cleaned === '' ? docName : cleaned;
}
