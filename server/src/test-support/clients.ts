// Stock y-websocket clients in Node (with `ws`), as the protocol tests use them.
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { vi } from 'vitest';

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  text: Y.Text;
  destroy(): void;
}

export function connectClient(wsUrl: string, docName: string, options: { params?: Record<string, string> } = {}): TestClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, docName, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: options.params ?? {},
    disableBc: true,
  });
  return {
    doc,
    provider,
    text: doc.getText('t'),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function waitSynced(...clients: TestClient[]): Promise<void> {
  await vi.waitFor(() => {
    for (const client of clients) if (!client.provider.synced) throw new Error('not synced yet');
  }, { timeout: 10_000, interval: 10 });
}

export async function waitForText(client: TestClient, expected: string, timeout = 5_000): Promise<void> {
  await vi.waitFor(() => {
    const actual = client.text.toString();
    if (actual !== expected) throw new Error(`text is ${JSON.stringify(actual)}, want ${JSON.stringify(expected)}`);
  }, { timeout, interval: 10 });
}

/** Connects clients to whatever server `wsUrl()` names at call time and remembers them for `destroyAll()`. */
export function clientPool(wsUrl: () => string): { connect(docName: string): TestClient; destroyAll(): void } {
  const clients: TestClient[] = [];
  return {
    connect(docName) {
      const client = connectClient(wsUrl(), docName);
      clients.push(client);
      return client;
    },
    destroyAll() {
      for (const client of clients.splice(0)) client.destroy();
    },
  };
}
