// One saved version in the history list: its label (or time), who made it and how, and its actions.
import { useId } from 'react';
import type { Snapshot } from './doc-api';
import { formatRelativeTime } from './format-time';

const kindLabels: Readonly<Record<string, string>> = {
  auto: 'Automatic',
  restore: 'Before a restore',
};

export interface VersionItemProps {
  readonly snapshot: Snapshot;
  readonly isPreviewing: boolean;
  readonly canRestore: boolean;
  readonly isBusy: boolean;
  readonly onPreview: () => void;
  readonly onRestore: () => void;
}

export function VersionItem({ snapshot, isPreviewing, canRestore, isBusy, onPreview, onRestore }: VersionItemProps) {
  // The actions name their version to a screen reader ("Preview, First draft"), keeping their visible words as names.
  const titleId = useId();
  const time = formatRelativeTime(snapshot.createdAt);
  const exactTime = new Date(snapshot.createdAt).toLocaleString();
  // The server's own versions carry a kind; a label, when there is one, already says more.
  const kind = snapshot.kind === null || snapshot.label !== null ? undefined : kindLabels[snapshot.kind];
  return (
    <li className={isPreviewing ? 'version version-previewing' : 'version'} data-testid="version" data-version-id={snapshot.id}>
      <div className="version-text">
        {/* A long name is cut short after two lines; the tooltip gives it whole, with the exact time. */}
        <span className="version-title" id={titleId} title={snapshot.label === null ? exactTime : `${snapshot.label} (${exactTime})`}>
          {snapshot.label ?? capitalize(time)}
        </span>
        <span className="version-meta">
          {snapshot.label !== null && <time dateTime={new Date(snapshot.createdAt).toISOString()} title={exactTime}>{time}</time>}
          {snapshot.author !== null && <span className="version-author">by {snapshot.author}</span>}
          {kind !== undefined && <span className="version-kind">{kind}</span>}
        </span>
      </div>
      <div className="version-actions">
        {/* aria-disabled, not disabled, while busy: a disabled button drops the keyboard focus to the page. */}
        <button type="button" className="button button-small" data-action="preview" aria-pressed={isPreviewing} aria-disabled={isBusy} aria-describedby={titleId} onClick={isBusy ? undefined : onPreview}>
          {isPreviewing ? 'Hide' : 'Preview'}
        </button>
        {canRestore && (
          <button type="button" className="button button-small" data-action="restore" aria-disabled={isBusy} aria-describedby={titleId} onClick={isBusy ? undefined : onRestore}>
            Restore
          </button>
        )}
      </div>
    </li>
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
