// Says when the document's content is known, so the editor only accepts typing then. Before it, the Y.Doc is
// empty and a keystroke would make Lexical create its own first paragraph next to the one the server seeds.
// Known means: synced with the server, or restored from this browser's copy (which lets offline editing start).
import type { WebsocketProvider } from 'y-websocket';
import { createValueStore, type ValueStore } from './value-store';

export function trackContentReady(provider: WebsocketProvider, whenRestored: Promise<unknown>): { isReady: ValueStore<boolean>; destroy(): void } {
  const isReady = createValueStore(false);
  const onSync = (isSynced: boolean) => {
    if (isSynced) isReady.set(true);
  };
  provider.on('sync', onSync);
  let isDestroyed = false;
  const onRestored = () => {
    if (!isDestroyed && provider.doc.store.clients.size > 0) isReady.set(true);
  };
  // A failed restore just means waiting for the server; the save tracker already reports the failure.
  whenRestored.then(onRestored, () => undefined);
  return {
    isReady,
    destroy() {
      isDestroyed = true;
      provider.off('sync', onSync);
    },
  };
}
