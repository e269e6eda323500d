// Publishes this page's colour in the document (see room-colors.ts) and keeps it right as people come, go and
// rename: whenever the awareness states change, the colour this person gets is worked out again and, when it
// differs from the one published, published instead.
import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type { Identity } from './identity';
import { personKeyOf, roomColorsOf } from './room-colors';

/** This person's colour in the document: their own unless someone who came earlier has it. */
export function useRoomColor(awareness: Awareness, identity: Identity): string {
  const [color, setColor] = useState(identity.color);
  useEffect(() => {
    const settle = (): void => {
      const own = awareness.getLocalState();
      if (own === null) return;
      const assigned = roomColorsOf(awareness.getStates()).get(personKeyOf(awareness.clientID, own)) ?? identity.color;
      // Emits 'change', which settles again and finds nothing to do.
      if (own.color !== assigned) awareness.setLocalStateField('color', assigned);
      setColor(assigned);
    };
    settle();
    awareness.on('change', settle);
    return () => awareness.off('change', settle);
  }, [awareness, identity]);
  return color;
}
