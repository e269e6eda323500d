// "Download": the current document as Markdown, HTML or Lexical JSON, fetched from the export endpoint (so the
// file is what the server holds) and saved under the document's name.
import { useCallback, useRef, useState } from 'react';
import { useDismiss } from '../use-dismiss';
import type { DocApi, ExportFormat } from './doc-api';
import { saveBlob } from './save-blob';

const formats: ReadonlyArray<{ format: ExportFormat; label: string; extension: string }> = [
  { format: 'markdown', label: 'Markdown (.md)', extension: 'md' },
  { format: 'html', label: 'Web page (.html)', extension: 'html' },
  { format: 'json', label: 'Lexical JSON (.json)', extension: 'json' },
];

export function DownloadMenu({ api, docName, fileTitle }: { api: DocApi; docName: string; fileTitle: string }) {
  const [isOpen, setIsOpen] = useState(false);
  const [busyFormat, setBusyFormat] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setIsOpen(false), []);
  useDismiss(rootRef, isOpen, close);

  const download = async (format: ExportFormat, extension: string) => {
    setBusyFormat(format);
    setError(null);
    try {
      const blob = await api.exportDoc(format);
      saveBlob(blob, `${fileNameFor(fileTitle, docName)}.${extension}`);
      setIsOpen(false);
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
        <div className="popover menu" role="menu" data-testid="download-menu">
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

/** The title when there is one ("Trip plan" → "Trip plan"), made safe for file systems; else the doc name. */
function fileNameFor(title: string, docName: string): string {
  const cleaned = title.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80);
  return cleaned === '' ? docName : cleaned;
}
