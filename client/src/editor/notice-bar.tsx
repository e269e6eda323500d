// The notices that explain why the document cannot be edited: the server stopped the connection for good (deleted,
// forbidden, too large, …), the document is not on this device yet, or this person may only view; that someone is
// replacing the whole content (restoring a version, importing a file) and, until dismissed, that they did. What was
// dropped or pasted and did not go in has a notice of its own (files-not-added-bar.tsx). A stop is an alert; the
// others are read out through the page's announcer when they appear (announce.ts).
import { useRef, type ReactNode } from 'react';
import { useAnnouncedText } from '../announce';
import type { Access } from '../collab/collab-session';
import type { ConnectionStatus } from '../collab/connection-controller';
import { DismissibleNotice } from './dismissible-notice';

export interface NoticeBarProps {
  readonly connection: ConnectionStatus;
  /** The document's content has been shown: when stopped, it stays readable. */
  readonly hasContent: boolean;
}

/** Why the connection is stopped or not there yet, or nothing. The page keeps it in view (in the sticky bar). */
export function NoticeBar({ connection, hasContent }: NoticeBarProps) {
  if (connection.stopReason !== null) {
    return (
      <div className="notice notice-error" role="alert" data-testid="stopped-banner" data-close-code={connection.stopCode ?? undefined}>
        <strong>{hasContent ? 'Disconnected.' : 'Could not open this document.'}</strong> {connection.stopReason}
        {hasContent && ' Your copy stays readable here.'}{' '}
        <a href="/">Back to your documents</a>
      </div>
    );
  }
  if (isWaitingForContent(connection, hasContent)) {
    // A document this browser has never held (a new one, a link opened offline) has nothing to show until the server
    // answers: the page says so, rather than an editor that ignores every key.
    return (
      <AnnouncedNotice className="notice notice-info" testId="waiting-banner">
        <strong>Waiting for the connection.</strong> This document is not on this device yet; it opens as soon as the server
        can be reached.
      </AnnouncedNotice>
    );
  }
  return null;
}

function isWaitingForContent(connection: ConnectionStatus, hasContent: boolean): boolean {
  return !hasContent && connection.state === 'offline';
}

export interface ViewOnlyNoticeProps extends NoticeBarProps {
  readonly access: Access;
}

/**
 * Why this person may only view, above the text, unless NoticeBar already explains more. It scrolls away with the
 * text: it is lasting news, and the header's "View only" pill keeps saying it.
 */
export function ViewOnlyNotice({ connection, access, hasContent }: ViewOnlyNoticeProps) {
  if (access.canEdit || connection.stopReason !== null || isWaitingForContent(connection, hasContent)) return null;
  return (
    <AnnouncedNotice className="notice notice-info notice-in-page" testId="view-only">
      <strong>View only.</strong> {access.reason}
    </AnnouncedNotice>
  );
}

/** Typing is held while someone's import or restore puts the new content in place (a few seconds at most); what is
 * typed meanwhile goes in at the top of the new content afterwards (see held-keys.ts). */
export function ReplacingBar({ message }: { message: string }) {
  return (
    <AnnouncedNotice className="notice notice-info" testId="replacing-banner">
      <span>
        <strong>Replacing the content.</strong> {message} What you type meanwhile goes in once it is in place, where your caret starts again.
      </span>
    </AnnouncedNotice>
  );
}

/** `hadEditsAway`: the message already says where this page's offline words went (describeReplacement). */
export function ReplacementBar({ message, hadEditsAway, onDismiss }: { message: string; hadEditsAway: boolean; onDismiss: () => void }) {
  return (
    <DismissibleNotice testId="replaced-banner" onDismiss={onDismiss}>
      <strong>Content replaced.</strong> {message} Undo starts again from here
      {hadEditsAway ? '.' : '; the text before it, and anything typed into that text meanwhile (offline, say), is kept in the version history.'}
    </DismissibleNotice>
  );
}

/** After "Discard my unsaved changes" (see RefusedChangeBar): the page is the server's document again. */
export function DiscardedBar({ onDismiss }: { onDismiss: () => void }) {
  return (
    <DismissibleNotice testId="discarded-banner" onDismiss={onDismiss}>
      <strong>Back to the saved document.</strong> The changes the server refused are gone from this device, and you can
      edit again.
    </DismissibleNotice>
  );
}

/** A notice whose words the page's announcer reads out when it appears and when they change. */
function AnnouncedNotice({ className, testId, children }: { className: string; testId: string; children: ReactNode }) {
  const noticeRef = useRef<HTMLDivElement>(null);
  useAnnouncedText(noticeRef);
  return (
    <div ref={noticeRef} className={className} data-testid={testId}>
      {children}
    </div>
  );
}
