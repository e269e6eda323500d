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
 * provider relays only its own client's changes; the server already fans everyone else's out. Its own changes go
 * out after the document change they come with (see relayOwnAwareness).
 */
function sendOnlyOwnAwareness(provider: WebsocketProvider): void {
  const relay = provider._awarenessUpdateHandler;
  provider.awareness.off('update', relay);
  // Stored back on the provider because destroy() unregisters whatever this field holds.
  provider._awarenessUpdateHandler = relayOwnAwareness(provider.doc, relay);
  provider.awareness.on('update', provider._awarenessUpdateHandler);
}

interface AwarenessChanges {
  added: number[];
  updated: number[];
  removed: number[];
}

/**
 * `relay` for this client's own awareness changes only, and after the document transaction they are made in.
 * @lexical/yjs sets the caret's new place inside the transaction that writes the letter typed there, and y-websocket
 * sends an awareness change at once but the document's update only when the transaction ends: the caret went out
 * first, pointing at a letter the others did not have yet, and their pages took the caret away until the letter came
 * (measured: 6 to 13 of 60 keys, the caret gone for a frame). Deferred changes go out once, as the state then is.
 */
export function relayOwnAwareness(doc: Y.Doc, relay: (changes: AwarenessChanges, origin: unknown) => void) {
  const ownId = doc.clientID;
  const onlyOwn = (ids: number[]) => ids.filter((id) => id === ownId);
  let isDeferred = false;
  let deferredOrigin: unknown = null;
  // y-websocket encodes the listed clients' states as they are when it sends: the latest, or their removal.
  const sendDeferred = () => {
    isDeferred = false;
    relay({ added: [], updated: [ownId], removed: [] }, deferredOrigin);
  };
  return (changes: AwarenessChanges, origin: unknown): void => {
    const own = { added: onlyOwn(changes.added), updated: onlyOwn(changes.updated), removed: onlyOwn(changes.removed) };
    if (own.added.length + own.updated.length + own.removed.length === 0) return;
    if (doc._transaction === null && doc._transactionCleanups.length === 0) return relay(own, origin);
    // Sent once, after the document's 'update' (Yjs emits afterAllTransactions after it).
    deferredOrigin = origin;
    if (isDeferred) return;
    isDeferred = true;
    doc.once('afterAllTransactions', sendDeferred);
  };
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
