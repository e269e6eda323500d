// The save status shown to the user, from two facts: does this browser hold edits the server has not committed,
// and is the socket up. Unsaved edits are "saving" while connected and "local" (kept in IndexedDB) otherwise.
import type { ConnectionState } from './connection-controller';

export type SaveState = 'saved' | 'saving' | 'local';

export function saveStateFor(hasUnsavedEdits: boolean, connection: ConnectionState): SaveState {
  if (!hasUnsavedEdits) return 'saved';
  return connection === 'connected' ? 'saving' : 'local';
}

/** What the save pill says; the connection pill beside it already says "Offline". */
export const saveStateLabels: Readonly<Record<SaveState, string>> = {
  saved: 'Saved',
  saving: 'Saving…',
  local: 'Kept on this device',
};

/** The pill's tooltip: the whole story. */
export const saveStateDescriptions: Readonly<Record<SaveState, string>> = {
  saved: 'The server has every change you made',
  saving: 'Sending your latest changes to the server',
  local: 'You are offline: your changes are kept on this device and sent when the connection is back',
};
