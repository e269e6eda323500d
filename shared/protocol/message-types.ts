// y-websocket message type numbers (y-protocols) plus Tandem's opt-in durable acknowledgement.
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
  /** Tandem: `varUint(100) • varUint8Array(stateVector)`, sent only to connections that asked with `ack=1`. */
  Ack: 100,
} as const;

export const SyncStep = { Step1: 0, Step2: 1, Update: 2 } as const;

/** y-protocols auth sub-message: permission denied, followed by a reason string. */
export const AuthPermissionDenied = 0;
