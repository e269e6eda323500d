// Tags for Yjs transaction origins, so observers know where a change came from: a session's own update is not
// echoed back to it, a fan-out frame is not re-published, and what was just loaded from storage is not re-stored.
import type { Session } from './session';

export type ChangeOrigin =
  | { kind: 'session'; session: Session }
  | { kind: 'fanout' }
  | { kind: 'storage' }
  | { kind: 'seed' }
  | { kind: 'admin' };

export const STORAGE_ORIGIN: ChangeOrigin = Object.freeze({ kind: 'storage' });
export const FANOUT_ORIGIN: ChangeOrigin = Object.freeze({ kind: 'fanout' });
export const SEED_ORIGIN: ChangeOrigin = Object.freeze({ kind: 'seed' });
export const ADMIN_ORIGIN: ChangeOrigin = Object.freeze({ kind: 'admin' });

export function isChangeOrigin(value: unknown): value is ChangeOrigin {
  return typeof value === 'object' && value !== null && 'kind' in value;
}
