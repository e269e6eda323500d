// The only view of a connection that rooms and sessions get: the transport adapts its WebSocket to this.
export interface PeerSocket {
  send(data: Uint8Array): void;
  /** Closes with a code from shared/close-codes.ts. Safe to call more than once. */
  close(code: number, reason: string): void;
  /** Bytes queued in the socket but not yet written to the network. */
  readonly bufferedAmount: number;
}
