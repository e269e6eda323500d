// The always-visible connection and save pills. Their `data-state` attributes are CONTRACT page hooks.
import { CloseCode } from '../../../shared/close-codes';
import type { ConnectionStatus } from './connection-controller';
import { saveStateDescriptions, saveStateFor, saveStateLabels } from './save-state';

const connectionLabels: Readonly<Record<ConnectionStatus['detail'], string>> = {
  'first-connect': 'Connecting…',
  live: 'Connected',
  'no-network': 'Offline',
  reconnecting: 'Reconnecting…',
  waiting: 'Reconnecting soon…',
  stopped: 'Disconnected',
};

export interface StatusPillsProps {
  readonly connection: ConnectionStatus;
  readonly hasUnsavedEdits: boolean;
  readonly isViewOnly: boolean;
  /** The document's content has been shown (from the server or this browser's copy). */
  readonly hasContent: boolean;
}

export function StatusPills({ connection, hasUnsavedEdits, isViewOnly, hasContent }: StatusPillsProps) {
  const saveState = saveStateFor(hasUnsavedEdits, connection.state);
  // Nothing loaded yet (still connecting, offline with a document this device never held, refused): there is nothing
  // whose saving to report. Nor once the document is deleted: "Saved" would claim edits are kept where nothing is.
  const showsSaveState = (hasContent || hasUnsavedEdits) && connection.stopCode !== CloseCode.DocumentDeleted;
  return (
    // Only the connection is announced to screen readers: the save pill turns Saving… and back with every keystroke,
    // which read out twice per letter. Its state still shows, and going offline is announced with the connection.
    <div className="status-pills">
      <span className="pill pill-connection" role="status" aria-live="polite" data-testid="connection-status" data-state={connection.state} data-detail={connection.detail} title={connectionLabels[connection.detail]}>
        <span className="pill-dot" aria-hidden="true" />
        <span className="pill-text">{connectionLabels[connection.detail]}</span>
      </span>
      {showsSaveState && (
        <span className="pill pill-save" data-testid="save-status" data-state={saveState} title={saveStateDescriptions[saveState]}>
          <span className="pill-icon" aria-hidden="true" />
          <span className="pill-text">{saveStateLabels[saveState]}</span>
        </span>
      )}
      {isViewOnly && <span className="pill pill-readonly">View only</span>}
    </div>
  );
}
