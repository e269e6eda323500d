// Copies the document's address (without this page's name or token: those belong to the person sharing) and says
// so for a moment. Where the clipboard is blocked, shows the link to copy by hand.
import { useCallback, useEffect, useRef, useState } from 'react';
import { docPath } from '../doc-path';
import { useDismiss } from '../use-dismiss';

type CopyState = 'idle' | 'copied' | 'failed';

export function ShareButton({ origin, docName }: { origin: string; docName: string }) {
  const [state, setState] = useState<CopyState>('idle');
  const rootRef = useRef<HTMLDivElement>(null);
  const reset = useCallback(() => setState('idle'), []);
  useDismiss(rootRef, state === 'failed', reset);
  const link = `${origin}${docPath(docName)}`;

  useEffect(() => {
    if (state !== 'copied') return;
    const timer = setTimeout(reset, 2000);
    return () => clearTimeout(timer);
  }, [state, reset]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setState('copied');
    } catch (error) {
      // No clipboard permission or an insecure origin: the fallback below lets the user copy it themselves.
      console.warn('tandem: clipboard write failed', error);
      setState('failed');
    }
  };

  return (
    <div className="share menu-root" ref={rootRef}>
      <button type="button" className="button button-primary" data-testid="share" data-copied={state === 'copied'} title={`Copy ${link}`} onClick={() => void copy()}>
        {state === 'copied' ? 'Copied ✓' : 'Share'}
      </button>
      <span className="visually-hidden" role="status">
        {state === 'copied' ? 'Link copied to the clipboard' : ''}
      </span>
      {state === 'failed' && (
        <div className="popover share-fallback" role="dialog" aria-label="Copy the link">
          <p>Copy this link to share the document:</p>
          <input className="text-input" readOnly value={link} autoFocus onFocus={(event) => event.target.select()} />
        </div>
      )}
    </div>
  );
}
