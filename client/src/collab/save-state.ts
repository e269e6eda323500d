// The save status shown to the user, from two facts: does this browser hold edits the server has not committed,
// and is the socket up. Unsaved edits are "saving" while connected and "local" (kept in IndexedDB) otherwise; kept
// here because the server refused them (see refused-change.ts), they are "refused": they will not be sent.
import type { ConnectionState } from './connection-controller';

/** The save pill's `data-state` (a CONTRACT page hook). */
export type SaveState = 'saved' | 'saving' | 'local';
/** Finer than `SaveState`, for the label and the pill's `data-detail`: a refused change is `local` too. */
export type SaveDetail = SaveState | 'refused';

export function saveStateFor(hasUnsavedEdits: boolean, connection: ConnectionState): SaveState {
  if (!hasUnsavedEdits) return 'saved';
  return connection === 'connected' ? 'saving' : 'local';
}

export function saveDetailFor(state: SaveState, isChangeRefused: boolean): SaveDetail {
  return state === 'local' && isChangeRefused ? 'refused' : state;
}

/** What the save pill says; the connection pill beside it already says "Offline". */
export const saveStateLabels: Readonly<Record<SaveDetail, string>> = {
  saved: 'Saved',
  saving: 'Saving…',
  local: 'Kept on this device',
  refused: 'Not saved',
};

/** The pill's tooltip: the whole story. */
export const saveStateDescriptions: Readonly<Record<SaveDetail, string>> = {
  saved: 'The server has every change you made',
  saving: 'Sending your latest changes to the server',
  local: 'You are offline: your changes are kept on this device and sent when the connection is back',
  refused: 'The server refused your latest change, so it is only on this device: the notice below says how to go on',
};
