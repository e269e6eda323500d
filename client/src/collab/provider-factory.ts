// Builds the Y.Doc and the stock y-websocket provider for one document: `<collabUrl>/<doc>`, asking the server for
// durable acks (`ack=1`) and carrying the token. It connects nothing: CollaborationPlugin connects once its binding
// exists, and the connection controller decides about reconnecting.
import type { Provider } from '@lexical/yjs';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export interface CollabProviderOptions {
  readonly collabUrl: string;
  readonly docName: string;
  readonly token: string | undefined;
}

export function createCollabProvider({ collabUrl, docName, token }: CollabProviderOptions): WebsocketProvider {
  const params: Record<string, string> = token === undefined ? { ack: '1' } : { ack: '1', token };
  return new WebsocketProvider(collabUrl, docName, new Y.Doc(), {
    params,
    connect: false,
    // Every edit goes through the server, even between tabs of this browser: a change that only reached another
    // tab is not saved, and the save status must not hear about it as if it were.
    disableBc: true,
  });
}

/** y-websocket's event typings are wider than Lexical's structural Provider; this is the only cast between them. */
export function toLexicalProvider(provider: WebsocketProvider): Provider {
  return provider as unknown as Provider;
}
