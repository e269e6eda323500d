// The save status shown to the user, from two facts: does this browser hold edits the server has not committed,
// and is the socket up. Unsaved edits are "saving" while connected and "local" (kept in IndexedDB) otherwise.
import type { ConnectionState } from './connection-controller';

export type SaveState = 'saved' | 'saving' | 'local';

export function saveStateFor(hasUnsavedEdits: boolean, connection: ConnectionState): SaveState {
  if (!hasUnsavedEdits) return 'saved';
  return connection === 'connected' ? 'saving' : 'local';
}

export const saveStateLabels: Readonly<Record<SaveState, string>> = {
  saved: 'Saved',
  saving: 'Saving…',
  local: 'Offline — your changes are kept on this device',
};
