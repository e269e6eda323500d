// The other people in the document, from awareness: every client id except our own, each with the name and colour
// its editor published (CollaborationPlugin writes `name` and `color` into the local state, and our `browserId`
// into `awarenessData`). One person with the document open in several tabs is listed once: tabs of one browser
// under one name are one person. Our own other tabs are listed as such.
import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type { Identity } from './identity';
import { personKeyOf } from './room-colors';

export interface RemoteUser {
  /** The lowest client id among the person's tabs: a stable key. */
  readonly clientId: number;
  readonly name: string;
  readonly color: string;
  /** How many tabs (awareness clients) this person has open. */
  readonly tabs: number;
  /** This browser, under our own name, in another tab. */
  readonly isSelfElsewhere: boolean;
}

const fallbackColor = '#6b7280';

export function useRemoteUsers(awareness: Awareness, self: Identity): RemoteUser[] {
  const [users, setUsers] = useState<RemoteUser[]>(() => remoteUsersOf(awareness.getStates(), awareness.clientID, self));
  useEffect(() => {
    const refresh = () => setUsers((previous) => keepIfSame(previous, remoteUsersOf(awareness.getStates(), awareness.clientID, self)));
    refresh();
    // 'change' fires when a state is added, removed or altered; 'update' would also fire for every heartbeat.
    awareness.on('change', refresh);
    return () => awareness.off('change', refresh);
  }, [awareness, self]);
  return users;
}

export function remoteUsersOf(states: ReadonlyMap<number, Record<string, unknown>>, ownClientId: number, self: Identity): RemoteUser[] {
  const byPerson = new Map<string, RemoteUser>();
  // Ascending client ids, so each person is keyed by their lowest one, whichever tab reported first.
  for (const clientId of [...states.keys()].sort((a, b) => a - b)) {
    const state = states.get(clientId);
    if (clientId === ownClientId || state === undefined) continue;
    const { name, color, awarenessData } = state as { name?: unknown; color?: unknown; awarenessData?: { browserId?: unknown } };
    const displayName = typeof name === 'string' && name.trim() !== '' ? name : 'Anonymous';
    const browserId = typeof awarenessData?.browserId === 'string' ? awarenessData.browserId : null;
    // The same grouping as the colours use, so one person's tabs are one avatar and one colour.
    const personKey = personKeyOf(clientId, state);
    const known = byPerson.get(personKey);
    if (known !== undefined) {
      byPerson.set(personKey, { ...known, tabs: known.tabs + 1 });
      continue;
    }
    byPerson.set(personKey, {
      clientId,
      name: displayName,
      color: typeof color === 'string' ? color : fallbackColor,
      tabs: 1,
      isSelfElsewhere: browserId === self.browserId && displayName === self.name,
    });
  }
  // Stable order: people do not jump around when someone else's cursor moves.
  return [...byPerson.values()];
}

function keepIfSame(previous: RemoteUser[], next: RemoteUser[]): RemoteUser[] {
  const same =
    previous.length === next.length &&
    previous.every((user, i) => {
      const other = next[i];
      return (
        other !== undefined &&
        other.clientId === user.clientId &&
        other.name === user.name &&
        other.color === user.color &&
        other.tabs === user.tabs &&
        other.isSelfElsewhere === user.isSelfElsewhere
      );
    });
  return same ? previous : next;
}
