// The notice for a change the server refused (too large: 4413, 1009). The document is not full for the others, who
// go on editing; this page stops sending, and stays read-only, until the person takes the way out offered here:
// download the copy this browser holds (with the refused change), then discard what the server does not have.
import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { formatExtension } from '../../../shared/export-formats';
import { useAnnouncedText } from '../announce';
import { fileNameFor } from '../docs/file-name';
import { exportLocally } from '../docs/local-export';
import { saveBlob } from '../docs/save-blob';

export interface RefusedChangeBarProps {
  /** The server's close code and the sentence for it (shared/close-codes.ts). */
  readonly stopCode: number | null;
  readonly reason: string;
  /** This browser's copy, refused change included: what "Download my copy" saves. */
  readonly doc: Y.Doc;
  readonly docName: string;
  readonly fileTitle: string;
  /** Drops the unsaved edits and opens the document again from the server's state. */
  readonly onDiscard: () => Promise<void>;
}

type Step = 'offer' | 'confirm' | 'discarding';

export function RefusedChangeBar({ stopCode, reason, doc, docName, fileTitle, onDiscard }: RefusedChangeBarProps) {
  const [step, setStep] = useState<Step>('offer');
  const [downloadedAs, setDownloadedAs] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const discardRef = useRef<HTMLButtonElement>(null);
  const downloadedRef = useRef<HTMLSpanElement>(null);
  useAnnouncedText(downloadedRef);
  const [hasAsked, setHasAsked] = useState(false);
  // The button pressed makes way for the next step's: the focus follows, rather than falling to the page.
  useEffect(() => {
    if (step === 'confirm') confirmRef.current?.focus();
    else if (step === 'offer' && hasAsked) discardRef.current?.focus();
  }, [step, hasAsked]);

  const download = () => {
    // Markdown: readable anywhere, and pasted back into Tandem it keeps headings, lists and links.
    const fileName = `${fileNameFor(fileTitle, docName)}.${formatExtension.markdown}`;
    saveBlob(exportLocally(doc, 'markdown', docName), fileName);
    setDownloadedAs(fileName);
  };

  const discard = async () => {
    setStep('discarding');
    setError(null);
    try {
      await onDiscard();
    } catch (cause) {
      console.warn('tandem: could not discard the unsaved changes', cause);
      setError('They could not be removed from this device. Reload the page and try again.');
      setStep('offer');
    }
  };

  return (
    <div className="notice notice-error notice-refused" role="alert" data-testid="refused-change-banner" data-close-code={stopCode ?? undefined}>
      <p>
        <strong>Not saved.</strong> {reason} Nobody else has them; everyone else goes on editing. Download your copy to
        keep them, then discard them to edit the saved document again.
      </p>
      {step === 'confirm' ? (
        <div className="notice-actions">
          <span className="notice-question">
            {downloadedAs === null ? 'Discard them without a copy? They cannot be brought back.' : 'Discard them from this device? Your download keeps them.'}
          </span>
          <button type="button" ref={confirmRef} className="button button-small button-danger" data-action="confirm-discard" onClick={() => void discard()}>
            Discard
          </button>
          <button type="button" className="button button-small" data-action="cancel-discard" onClick={() => setStep('offer')}>
            Cancel
          </button>
        </div>
      ) : (
        <div className="notice-actions">
          <button type="button" className="button button-small" data-action="download-copy" onClick={download}>
            Download my copy
          </button>
          <button
            type="button"
            ref={discardRef}
            className="button button-small"
            data-action="discard"
            disabled={step === 'discarding'}
            onClick={() => {
              setHasAsked(true);
              setStep('confirm');
            }}
          >
            {step === 'discarding' ? 'Discarding…' : 'Discard my unsaved changes'}
          </button>
          {downloadedAs !== null && (
            <span ref={downloadedRef} className="notice-note" data-testid="refused-change-downloaded">
              Downloaded as {downloadedAs}
            </span>
          )}
        </div>
      )}
      {error !== null && <p className="notice-note">{error}</p>}
    </div>
  );
}
