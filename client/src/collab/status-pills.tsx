// The always-visible connection and save pills. Their `data-state` attributes are CONTRACT page hooks.
// The save pill turns Saving… and back with every keystroke, so it follows the unsaved-edits store by writing to its
// own element, not through React: a React commit while the caret is in the document walks the whole document's text
// to save the selection, and two per keystroke (re-rendering the page's bars each time) cost up to 20 ms a letter in
// a 5,000-paragraph document.
import { useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import { CloseCode } from '../../../shared/close-codes';
import type { ConnectionState, ConnectionStatus } from './connection-controller';
import { isRefusedChange } from './refused-change';
import { saveDetailFor, saveStateDescriptions, saveStateFor, saveStateLabels } from './save-state';
import type { ValueStore } from './value-store';

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
  readonly hasUnsavedEdits: ValueStore<boolean>;
  readonly isViewOnly: boolean;
  /** The document's content has been shown (from the server or this browser's copy). */
  readonly hasContent: boolean;
}

export function StatusPills({ connection, hasUnsavedEdits, isViewOnly, hasContent }: StatusPillsProps) {
  // Nothing loaded yet (still connecting, offline with a document this device never held, refused): there is nothing
  // whose saving to report. Nor once the document is deleted: "Saved" would claim edits are kept where nothing is.
  const hasSomethingToSave = useSyncExternalStore(hasUnsavedEdits.subscribe, () => hasContent || hasUnsavedEdits.get());
  const showsSaveState = hasSomethingToSave && connection.stopCode !== CloseCode.DocumentDeleted;
  return (
    // Only the connection is announced to screen readers: the save pill turns Saving… and back with every keystroke,
    // which read out twice per letter. Its state still shows, and going offline is announced with the connection.
    <div className="status-pills">
      <span className="pill pill-connection" role="status" aria-live="polite" data-testid="connection-status" data-state={connection.state} data-detail={connection.detail} title={connectionLabels[connection.detail]}>
        <span className="pill-dot" aria-hidden="true" />
        <span className="pill-text">{connectionLabels[connection.detail]}</span>
      </span>
      {showsSaveState && <SavePill hasUnsavedEdits={hasUnsavedEdits} connectionState={connection.state} isChangeRefused={isRefusedChange(connection.stopCode)} />}
      {isViewOnly && <span className="pill pill-readonly">View only</span>}
    </div>
  );
}

interface SavePillProps {
  readonly hasUnsavedEdits: ValueStore<boolean>;
  readonly connectionState: ConnectionState;
  /** The server refused this page's change: unsaved edits stay here until the person discards them. */
  readonly isChangeRefused: boolean;
}

/** The save pill: its state, label and tooltip written straight to its element whenever the store changes. */
function SavePill({ hasUnsavedEdits, connectionState, isChangeRefused }: SavePillProps) {
  const pillRef = useRef<HTMLSpanElement>(null);
  const labelRef = useRef<HTMLSpanElement>(null);
  const initial = saveStateFor(hasUnsavedEdits.get(), connectionState);
  const initialDetail = saveDetailFor(initial, isChangeRefused);
  // After every render too, before the page is painted: React writes only the attributes whose rendered value
  // changed, and the element may hold a state written since. The label's text is never React's, so it is written here.
  useLayoutEffect(() => {
    const show = () => {
      const pill = pillRef.current;
      const label = labelRef.current;
      if (pill === null || label === null) return;
      const state = saveStateFor(hasUnsavedEdits.get(), connectionState);
      const detail = saveDetailFor(state, isChangeRefused);
      if (pill.dataset.state !== state) pill.dataset.state = state;
      if (pill.dataset.detail !== detail) pill.dataset.detail = detail;
      if (pill.title !== saveStateDescriptions[detail]) pill.title = saveStateDescriptions[detail];
      if (label.textContent !== saveStateLabels[detail]) setText(label, saveStateLabels[detail]);
    };
    show();
    return hasUnsavedEdits.subscribe(show);
  });
  return (
    <span className="pill pill-save" data-testid="save-status" data-state={initial} data-detail={initialDetail} title={saveStateDescriptions[initialDetail]} ref={pillRef}>
      <span className="pill-icon" aria-hidden="true" />
      <span className="pill-text" ref={labelRef} />
    </span>
  );
}

/**
 * Changes the label's text node in place once there is one: replacing it (`textContent`) took about twice as long,
 * twice per keystroke (measured while typing: about 0.1 against 0.05 ms a change).
 */
function setText(element: HTMLElement, text: string): void {
  const node = element.firstChild;
  if (node !== null && node.nodeType === Node.TEXT_NODE && node.nextSibling === null) node.nodeValue = text;
  else element.textContent = text;
}
