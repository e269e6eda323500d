// Copies the document's address (without this page's name or token: those belong to the person sharing) and says
// so for a moment. Where the clipboard is blocked, shows the link to copy by hand. Where the page runs on an access
// token, says that the link opens the document only for people with an access link of their own.
import { useCallback, useEffect, useRef, useState } from 'react';
import { docPath } from '../doc-path';
import { useDismiss } from '../use-dismiss';
import { useKeepInViewport } from '../use-keep-in-viewport';
import { actionIcons } from './action-icons';

type CopyState = 'idle' | 'copied' | 'failed';

export interface ShareButtonProps {
  readonly origin: string;
  readonly docName: string;
  /** This page opened with an access token: the server lets in only people who have one too. */
  readonly needsAccessLinks: boolean;
}

export function ShareButton({ origin, docName, needsAccessLinks }: ShareButtonProps) {
  const [state, setState] = useState<CopyState>('idle');
  const rootRef = useRef<HTMLDivElement>(null);
  const reset = useCallback(() => setState('idle'), []);
  // The note on access links stays until dismissed: it is read, not glanced at.
  const isPopoverOpen = state === 'failed' || (state === 'copied' && needsAccessLinks);
  useDismiss(rootRef, isPopoverOpen, reset);
  const popoverRef = useRef<HTMLDivElement>(null);
  useKeepInViewport(popoverRef, isPopoverOpen);
  const link = `${origin}${docPath(docName)}`;

  useEffect(() => {
    if (state !== 'copied' || isPopoverOpen) return;
    const timer = setTimeout(reset, 2000);
    return () => clearTimeout(timer);
  }, [state, isPopoverOpen, reset]);

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

  const isCopied = state === 'copied';
  return (
    <div className="share menu-root" ref={rootRef}>
      <button
        type="button"
        className="button button-primary action-button"
        data-testid="share"
        data-copied={isCopied}
        aria-expanded={needsAccessLinks ? isPopoverOpen : undefined}
        title={needsAccessLinks ? `Copy ${link} (each person needs an access link of their own to open it)` : `Copy ${link}`}
        onClick={() => void copy()}
      >
        {/* Both labels take the same cell and the hidden one keeps its room, so the button is always as wide as
            the wider one and the pills and avatars beside it stay where they are. Where only the icon shows, it
            turns into a tick instead. */}
        <span className="action-icon">{isCopied ? actionIcons.copied : actionIcons.share}</span>
        <span className="swap-label action-label share-label">
          <span className={isCopied ? 'swap-label-off' : undefined}>Share</span>
          <span className={isCopied ? undefined : 'swap-label-off'}>Copied ✓</span>
        </span>
      </button>
      <span className="visually-hidden" role="status">
        {isCopied ? 'Link copied to the clipboard' : ''}
      </span>
      {isPopoverOpen && (
        <div className="popover share-popover" ref={popoverRef} role="dialog" aria-label={state === 'failed' ? 'Copy the link' : 'Link copied'} data-testid="share-popover">
          {state === 'failed' ? (
            <>
              <p>Copy this link to share the document:</p>
              <input className="text-input" readOnly value={link} autoFocus onFocus={(event) => event.target.select()} />
            </>
          ) : (
            <p>
              <strong>Link copied.</strong>
            </p>
          )}
          {needsAccessLinks && <AccessLinkNote docName={docName} link={link} />}
        </div>
      )}
    </div>
  );
}

/**
 * Why the copied link alone will not do, and how to get what will. Not this person's token in the link: that would
 * hand out their own access, under their name, to whoever the link reaches. The admin's command is folded away: most
 * people reading this are not the server's admin, and a command line read as if it were their job.
 */
function AccessLinkNote({ docName, link }: { docName: string; link: string }) {
  return (
    <div className="access-link-note" data-testid="access-link-note">
      <p>
        Each person needs an access link of their own (yours stays out of the link: it would give them your access). Ask the
        admin of this server for one for them.
      </p>
      <details>
        <summary>For the admin</summary>
        <code>
          <span>AUTH_SECRET=… npm run admin --</span> <span>token --doc {docName}</span> <span>--role editor</span> <span>--name "Their name"</span>
        </code>
        <p>
          with the server's <code>AUTH_SECRET</code> (<code>--role viewer</code> to read only) prints a token; send them{' '}
          <code>{link}?token=</code> followed by it.
        </p>
      </details>
    </div>
  );
}
