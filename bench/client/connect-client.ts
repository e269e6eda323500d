// Opens one client connection to a doc with the library the server expects: the stock y-websocket
// WebsocketProvider, or HocuspocusProvider for Hocuspocus. Hides their differences behind BenchClient.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import type { ClientKind } from '../server-targets';

/** Tandem's durable acknowledgement frame (see CONTRACT.md): varUint(100) • varUint8Array(stateVector). */
const messageAck = 100;

export interface BenchClientOptions {
  /** Publish an awareness state like an editing user does; passive readers do not. */
  hasAwareness: boolean;
  /** Ask the server for durable acks (`?ack=1`, Tandem only) and receive each committed state vector. */
  onAck?: (stateVector: Uint8Array) => void;
}

export interface BenchClient {
  /** Resolves with performance.now() when the WebSocket first opens. */
  whenOpen: Promise<number>;
  /** Resolves on the provider's first `synced`. */
  whenSynced: Promise<void>;
  destroy(): void;
}

export function connectClient(
  kind: ClientKind,
  wsUrl: string,
  doc: string,
  ydoc: Y.Doc,
  options: BenchClientOptions,
): BenchClient {
  return kind === 'hocuspocus'
    ? connectHocuspocus(wsUrl, doc, ydoc, options)
    : connectYWebsocket(wsUrl, doc, ydoc, options);
}

function connectYWebsocket(wsUrl: string, doc: string, ydoc: Y.Doc, options: BenchClientOptions): BenchClient {
  const params: Record<string, string> = options.onAck ? { ack: '1' } : {};
  const provider = new WebsocketProvider(wsUrl, doc, ydoc, {
    connect: false,
    params,
    // Node has a global BroadcastChannel: without this, providers in one process would share updates
    // among themselves instead of through the server.
    disableBc: true,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  if (!options.hasAwareness) provider.awareness.setLocalState(null);
  const onAck = options.onAck;
  if (onAck) {
    provider.messageHandlers[messageAck] = (_encoder, decoder) => onAck(decoding.readVarUint8Array(decoder));
  }
  const whenOpen = new Promise<number>((resolve) => {
    const onStatus = ({ status }: { status: string }): void => {
      if (status !== 'connected') return;
      provider.off('status', onStatus);
      resolve(performance.now());
    };
    provider.on('status', onStatus);
  });
  const whenSynced = new Promise<void>((resolve) => {
    const onSynced = (isSynced: boolean): void => {
      if (!isSynced) return;
      provider.off('sync', onSynced);
      resolve();
    };
    provider.on('sync', onSynced);
  });
  provider.connect();
  return { whenOpen, whenSynced, destroy: () => provider.destroy() };
}

function connectHocuspocus(wsUrl: string, doc: string, ydoc: Y.Doc, options: BenchClientOptions): BenchClient {
  let resolveOpen: (atMs: number) => void = () => undefined;
  const whenOpen = new Promise<number>((resolve) => {
    resolveOpen = resolve;
  });
  const socket = new HocuspocusProviderWebsocket({
    url: wsUrl,
    WebSocketPolyfill: WebSocket,
    onOpen: () => resolveOpen(performance.now()),
  });
  let resolveSynced: () => void = () => undefined;
  const whenSynced = new Promise<void>((resolve) => {
    resolveSynced = resolve;
  });
  const provider = new HocuspocusProvider({
    name: doc,
    document: ydoc,
    websocketProvider: socket,
    // null turns awareness off for passive readers; undefined lets the provider create one
    awareness: options.hasAwareness ? undefined : null,
    onSynced: ({ state }) => {
      if (state) resolveSynced();
    },
  });
  provider.attach();
  return {
    whenOpen,
    whenSynced,
    destroy: () => {
      provider.destroy();
      socket.destroy();
    },
  };
}
