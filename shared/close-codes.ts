// WebSocket close codes of CONTRACT.md and what a client should do on each.
export const CloseCode = {
  GoingAway: 1001,
  MessageTooBig: 1009,
  InternalError: 1011,
  ProtocolViolation: 4400,
  Unauthorized: 4401,
  Forbidden: 4403,
  PongTimeout: 4408,
  DocumentDeleted: 4410,
  DocumentTooLarge: 4413,
  RateLimited: 4429,
  Overloaded: 4503,
} as const;

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

export type RetryPolicy = 'reconnect' | 'reconnect-slow' | 'refresh-token' | 'stop';

const policies: Record<number, { policy: RetryPolicy; reason: string }> = {
  [CloseCode.GoingAway]: { policy: 'reconnect', reason: 'The server is restarting.' },
  // 1009 and 4413 refuse the sender's own change, not the document: the others go on editing (see refused-change.ts).
  [CloseCode.MessageTooBig]: { policy: 'stop', reason: 'Your latest changes are too large for the server to accept.' },
  [CloseCode.InternalError]: { policy: 'reconnect', reason: 'The server hit an unexpected error.' },
  [CloseCode.ProtocolViolation]: { policy: 'stop', reason: 'The server could not understand this editor.' },
  [CloseCode.Unauthorized]: { policy: 'refresh-token', reason: 'Your access link is missing, invalid or expired.' },
  [CloseCode.Forbidden]: { policy: 'stop', reason: 'You do not have access to this document.' },
  [CloseCode.PongTimeout]: { policy: 'reconnect', reason: 'The connection stopped responding.' },
  [CloseCode.DocumentDeleted]: { policy: 'stop', reason: 'This document was deleted.' },
  [CloseCode.DocumentTooLarge]: { policy: 'stop', reason: 'Your latest changes would make this document larger than this server allows.' },
  [CloseCode.RateLimited]: { policy: 'reconnect-slow', reason: 'Too many changes too quickly.' },
  [CloseCode.Overloaded]: { policy: 'reconnect-slow', reason: 'The server is busy.' },
};

/** What a client should do after the server closed its socket with `code`. Unknown codes reconnect. */
export function retryPolicyFor(code: number): { policy: RetryPolicy; reason: string } {
  return policies[code] ?? { policy: 'reconnect', reason: 'The connection was lost.' };
}
