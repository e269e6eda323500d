// Builds the Y.Doc and the stock y-websocket provider for one document: `<collabUrl>/<doc>`, asking the server for
// durable acks (`ack=1`) and carrying the token. It connects nothing: CollaborationPlugin connects once its binding
// exists, and the connection controller decides about reconnecting.
import type { Provider } from '@lexical/yjs';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { anchorCaretsLeft } from './caret-anchor';

export interface CollabProviderOptions {
  readonly collabUrl: string;
  readonly docName: string;
  readonly token: string | undefined;
}

export function createCollabProvider({ collabUrl, docName, token }: CollabProviderOptions): WebsocketProvider {
  const params: Record<string, string> = token === undefined ? { ack: '1' } : { ack: '1', token };
  const provider = new WebsocketProvider(collabUrl, docName, new Y.Doc(), {
    params,
    connect: false,
    // Every edit goes through the server, even between tabs of this browser: a change that only reached another
    // tab is not saved, and the save status must not hear about it as if it were.
    disableBc: true,
  });
  sendOnlyOwnAwareness(provider);
  anchorCaretsLeft(provider.awareness, provider.doc);
  return provider;
}

/**
 * y-websocket re-broadcasts every awareness change it applies, other people's included. The server treats a state
 * sent for a client id that another connection owns as forged (and closes with 4403 after a few), so this
 * provider relays only its own client's changes; the server already fans everyone else's out.
 */
function sendOnlyOwnAwareness(provider: WebsocketProvider): void {
  const ownId = provider.doc.clientID;
  const relay = provider._awarenessUpdateHandler;
  const onlyOwn = (ids: number[]) => ids.filter((id) => id === ownId);
  provider.awareness.off('update', relay);
  // Stored back on the provider because destroy() unregisters whatever this field holds.
  provider._awarenessUpdateHandler = (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    const own = { added: onlyOwn(changes.added), updated: onlyOwn(changes.updated), removed: onlyOwn(changes.removed) };
    if (own.added.length + own.updated.length + own.removed.length > 0) relay(own, origin);
  };
  provider.awareness.on('update', provider._awarenessUpdateHandler);
}

/**
 * The provider as CollaborationPlugin sees it. `beforeFirstConnect` runs once, when the plugin first connects:
 * by then the plugin observes the Y.Doc, so content loaded into it from that moment on reaches the editor (what was
 * already in the doc when the binding was made would not).
 */
export function toLexicalProvider(provider: WebsocketProvider, beforeFirstConnect: () => void): Provider {
  let hasConnected = false;
  // y-websocket's event typings are wider than Lexical's structural Provider; this is the only cast between them.
  const lexicalView = provider as unknown as Provider;
  return {
    awareness: lexicalView.awareness,
    connect() {
      if (!hasConnected) {
        hasConnected = true;
        beforeFirstConnect();
      }
      provider.connect();
    },
    disconnect: () => provider.disconnect(),
    on: lexicalView.on.bind(provider),
    off: lexicalView.off.bind(provider),
  };
}
