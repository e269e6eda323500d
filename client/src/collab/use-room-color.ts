// Publishes this page's colour in the document (see room-colors.ts) and keeps it right as people come, go and
// rename: whenever the awareness states change, the colour this person gets is worked out again and, when it
// differs from the one published, published instead. The page counts as arriving once its first sync has shown
// who is here (arrivalTimeIn), and a rename counts as arriving anew (rejoin), so the new name never takes the colour
// of someone who was there first.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type { Identity } from './identity';
import { ARRIVING, arrivalTimeIn, personKeyOf, roomColorsOf } from './room-colors';

export interface RoomColor {
  /** This person's colour in the document: their own unless someone who came earlier has it. */
  readonly color: string;
  /** Call before publishing a new name: the page then counts as arriving now. */
  readonly rejoin: () => void;
}

export function useRoomColor(provider: WebsocketProvider, identity: Identity): RoomColor {
  const { awareness } = provider;
  const [color, setColor] = useState(identity.color);
  /** When this page arrived, as it publishes it; adopted from the first state CollaborationPlugin publishes. */
  const joinedAt = useRef<number | null>(null);
  useEffect(() => {
    const settle = (): void => {
      const own = awareness.getLocalState();
      if (own === null) return;
      const data = own.awarenessData as Record<string, unknown> | undefined;
      if (joinedAt.current === null && typeof data?.joinedAt === 'number') joinedAt.current = data.joinedAt;
      if (joinedAt.current !== null && data?.joinedAt !== joinedAt.current) {
        // A reconnect starts the state again from the page's first one: keep the arrival a rename made.
        awareness.setLocalStateField('awarenessData', { ...data, joinedAt: joinedAt.current }); // settles again
        return;
      }
      const assigned = roomColorsOf(awareness.getStates()).get(personKeyOf(awareness.clientID, own)) ?? identity.color;
      // Emits 'change', which settles again and finds nothing to do.
      if (own.color !== assigned) awareness.setLocalStateField('color', assigned);
      setColor(assigned);
    };
    settle();
    awareness.on('change', settle);
    return () => awareness.off('change', settle);
  }, [awareness, identity]);
  const rejoin = useCallback(() => {
    joinedAt.current = arrivalTimeIn(awareness.getStates(), awareness.clientID, Date.now());
    const data = awareness.getLocalState()?.awarenessData as Record<string, unknown> | undefined;
    awareness.setLocalStateField('awarenessData', { ...data, joinedAt: joinedAt.current });
  }, [awareness]);
  // The first sync brings the states of everyone here (the server sends them before it answers), so the page
  // arrives then; a reconnect keeps that arrival.
  useEffect(() => {
    const arriveOnce = (isSynced: boolean): void => {
      if (isSynced && (joinedAt.current === null || joinedAt.current === ARRIVING)) rejoin();
    };
    arriveOnce(provider.synced);
    provider.on('sync', arriveOnce);
    return () => provider.off('sync', arriveOnce);
  }, [provider, rejoin]);
  return { color, rejoin };
}
