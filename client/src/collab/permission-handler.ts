// Listens for the server's y-protocols auth message: "permission denied" means this connection may only view.
// y-websocket's stock handler only logs it, so the editor would never learn it is read-only.
import * as authProtocol from 'y-protocols/auth';
import type { WebsocketProvider } from 'y-websocket';
import { MessageType } from '../../../shared/protocol/message-types';

export function handlePermissionDenied(provider: WebsocketProvider, onDenied: (reason: string) => void): void {
  provider.messageHandlers[MessageType.Auth] = (_encoder, decoder) => {
    authProtocol.readAuthMessage(decoder, provider.doc, (_doc, reason) => onDenied(reason));
  };
}
