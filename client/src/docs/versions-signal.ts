// Telling the others' open history panels that the list of versions changed. Naming a version changes no content, so
// nothing in the document would tell them: the person who named it stamps their awareness state with the time, and
// every panel that sees a peer's stamp move on reads the list again. Versions made elsewhere (the admin API, the
// CLI, automatic ones) are found when the page comes back into view, or by the panel's re-reading every few seconds.
import type { Awareness } from 'y-protocols/awareness';

const FIELD = 'versionsChangedAt';

/** Stamps this client's awareness state: its versions list just changed. */
export function announceVersionsChanged(awareness: Awareness): void {
  const previous: unknown = awareness.getLocalState()?.[FIELD];
  // Never the same stamp twice, even within one millisecond.
  awareness.setLocalStateField(FIELD, Math.max(Date.now(), typeof previous === 'number' ? previous + 1 : 0));
}

/** Calls `onChange` when another client announces a change. Returns the unsubscribe. */
export function watchVersionsChanged(awareness: Awareness, onChange: () => void): () => void {
  const seen = new Map<number, number>();
  const stampOf = (clientId: number): number | null => {
    const stamp: unknown = awareness.getStates().get(clientId)?.[FIELD];
    return typeof stamp === 'number' ? stamp : null;
  };
  // What peers announced before this panel opened is already in the list it reads on opening.
  for (const clientId of awareness.getStates().keys()) {
    const stamp = stampOf(clientId);
    if (stamp !== null) seen.set(clientId, stamp);
  }
  const onAwarenessChange = ({ added, updated }: { added: number[]; updated: number[] }) => {
    let hasNews = false;
    for (const clientId of [...added, ...updated]) {
      if (clientId === awareness.clientID) continue;
      const stamp = stampOf(clientId);
      if (stamp === null || stamp === seen.get(clientId)) continue;
      seen.set(clientId, stamp);
      hasNews = true;
    }
    if (hasNews) onChange();
  };
  awareness.on('change', onAwarenessChange);
  return () => awareness.off('change', onAwarenessChange);
}
