// "Download": the current document as Markdown, HTML, plain text or Lexical JSON, saved under the document's name.
// Fetched from the export endpoint, so the file is what the server holds; made from this browser's copy instead
// (with the same renderers, local-export.ts) while edits made here have not all reached the server, or when the
// server cannot be reached or no longer has the document, and the menu then says so. A menu in the ARIA sense:
// opening it puts the focus on its first item, the arrow keys (and Home, End) move between items, Escape closes it,
// Tab closes it and moves on.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useAnnouncedText } from '../announce';
import { actionIcons } from '../editor/action-icons';
import { useDismiss } from '../use-dismiss';
import type * as Y from 'yjs';
import { formatExtension } from '../../../shared/export-formats';
import { ApiError, type DocApi, type ExportFormat } from './doc-api';
import { exportLocally } from './local-export';
import { fileNameFor } from './file-name';
import { saveBlob } from './save-blob';

const formats: ReadonlyArray<{ format: ExportFormat; label: string }> = [
  { format: 'markdown', label: 'Markdown' },
  { format: 'html', label: 'Web page' },
  { format: 'text', label: 'Plain text' },
  { format: 'json', label: 'Lexical JSON' },
];

/** This browser's copy of the document, for downloads the server cannot make. */
export interface LocalCopy {
  readonly doc: Y.Doc;
  readonly hasUnsavedEdits: () => boolean;
}

export interface DownloadMenuProps {
  readonly api: DocApi;
  readonly docName: string;
  readonly fileTitle: string;
  readonly localCopy: LocalCopy;
}

/** A file to save, and why it was made from this browser's copy rather than by the server (null: by the server). */
interface Export {
  readonly blob: Blob;
  readonly localReason: string | null;
}

export function DownloadMenu({ api, docName, fileTitle, localCopy }: DownloadMenuProps) {
  const [isOpen, setIsOpen] = useState(false);
  const [busyFormat, setBusyFormat] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const noteRef = useRef<HTMLParagraphElement>(null);
  useAnnouncedText(noteRef);
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
  const onMenuKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Tab') return moveFocusWithArrows(event);
    // Tab leaves a menu: it closes, and the browser moves the focus on from the button, as if the menu were not there.
    buttonRef.current?.focus();
    setIsOpen(false);
  };

  const exportOf = async (format: ExportFormat): Promise<Export> => {
    const local = (localReason: string): Export => ({ blob: exportLocally(localCopy.doc, format, docName), localReason });
    if (localCopy.hasUnsavedEdits()) return local('Made from the copy on this device, with the edits the server has not received yet.');
    try {
      return { blob: await api.exportDoc(format), localReason: null };
    } catch (cause) {
      if (cause instanceof ApiError && cause.code === 'network') return local('The server could not be reached, so this file was made from the copy on this device.');
      if (cause instanceof ApiError && cause.status === 404) return local('The server no longer has this document, so this file was made from the copy on this device.');
      throw cause;
    }
  };

  const download = async (format: ExportFormat) => {
    setBusyFormat(format);
    setError(null);
    setNote(null);
    try {
      const { blob, localReason } = await exportOf(format);
      saveBlob(blob, `${fileNameFor(fileTitle, docName)}.${formatExtension[format]}`);
      // A file the server did not make stays explained in the open menu; else the menu's work is done.
      if (localReason === null) close();
      else setNote(localReason);
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
        className="button button-quiet action-button"
        data-testid="download-open"
        aria-haspopup="menu"
        aria-expanded={isOpen}
        title="Download as a file"
        onClick={() => {
          setError(null);
          setNote(null);
          setIsOpen((open) => !open);
        }}
      >
        <span className="action-icon">{actionIcons.download}</span>
        <span className="action-label">Download</span>
        <span className="caret" aria-hidden="true" />
      </button>
      {isOpen && (
        <div className="popover menu" role="menu" aria-label="Download as" data-testid="download-menu" ref={menuRef} onKeyDown={onMenuKeyDown}>
          {formats.map(({ format, label }) => (
            <button key={format} type="button" role="menuitem" className="menu-item" data-format={format} disabled={busyFormat !== null} onClick={() => void download(format)}>
              {label} (.{formatExtension[format]})
              {busyFormat === format && <span className="menu-item-note">Preparing…</span>}
            </button>
          ))}
          {error !== null && (
            <p className="field-error menu-error" role="alert">
              {error}
            </p>
          )}
          {note !== null && (
            <p ref={noteRef} className="menu-note" data-testid="download-note">
              {note}
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
