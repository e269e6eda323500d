// The other people in the document, from awareness: every client id except our own, each with the name and colour
// its editor published (CollaborationPlugin writes `name` and `color` into the local state).
import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';

export interface RemoteUser {
  readonly clientId: number;
  readonly name: string;
  readonly color: string;
}

const fallbackColor = '#6b7280';

export function useRemoteUsers(awareness: Awareness): RemoteUser[] {
  const [users, setUsers] = useState<RemoteUser[]>(() => remoteUsersOf(awareness));
  useEffect(() => {
    const refresh = () => setUsers((previous) => keepIfSame(previous, remoteUsersOf(awareness)));
    refresh();
    // 'change' fires when a state is added, removed or altered; 'update' would also fire for every heartbeat.
    awareness.on('change', refresh);
    return () => awareness.off('change', refresh);
  }, [awareness]);
  return users;
}

function remoteUsersOf(awareness: Awareness): RemoteUser[] {
  const users: RemoteUser[] = [];
  for (const [clientId, state] of awareness.getStates()) {
    if (clientId === awareness.clientID) continue;
    const { name, color } = state as { name?: unknown; color?: unknown };
    users.push({
      clientId,
      name: typeof name === 'string' && name.trim() !== '' ? name : 'Anonymous',
      color: typeof color === 'string' ? color : fallbackColor,
    });
  }
  // Stable order: people do not jump around when someone else's cursor moves.
  return users.sort((a, b) => a.clientId - b.clientId);
}

function keepIfSame(previous: RemoteUser[], next: RemoteUser[]): RemoteUser[] {
  const same =
    previous.length === next.length &&
    previous.every((user, i) => {
      const other = next[i];
      return other !== undefined && other.clientId === user.clientId && other.name === user.name && other.color === user.color;
    });
  return same ? previous : next;
}
