// What to do after the server closed the socket with a code, following CONTRACT's table (shared retryPolicyFor):
// leave it to y-websocket's quick backoff, wait longer with jitter, get a fresh token, or stop for good.
import { CloseCode, retryPolicyFor } from '../../../shared/close-codes';

export type ReconnectPlan =
  /** y-websocket reconnects by itself (exponential backoff up to 2.5 s). */
  | { kind: 'backoff' }
  | { kind: 'wait'; delayMs: number; reason: string }
  | { kind: 'refresh-token'; reason: string }
  | { kind: 'stop'; reason: string };

// A restarting server sees every client come back at once: spread them over a few seconds.
const restartWindowMs = { base: 1_000, cap: 8_000 };
// Rate-limited or overloaded: back off for real, and longer each time until a connection syncs again.
const slowWindowMs = { base: 5_000, cap: 60_000 };

/** `attempt` counts the waits since the last successful sync, starting at 0. */
export function planReconnect(code: number, attempt: number, random: () => number = Math.random): ReconnectPlan {
  const { policy, reason } = retryPolicyFor(code);
  switch (policy) {
    case 'reconnect':
      return code === CloseCode.GoingAway
        ? { kind: 'wait', delayMs: jitteredDelay(restartWindowMs, attempt, random), reason }
        : { kind: 'backoff' };
    case 'reconnect-slow':
      return { kind: 'wait', delayMs: jitteredDelay(slowWindowMs, attempt, random), reason };
    case 'refresh-token':
      return { kind: 'refresh-token', reason };
    case 'stop':
      return { kind: 'stop', reason };
  }
}

/** "Equal jitter": half of the exponential window for sure, the other half at random. */
function jitteredDelay(window: { base: number; cap: number }, attempt: number, random: () => number): number {
  const span = Math.min(window.cap, window.base * 2 ** Math.min(attempt, 16));
  return Math.round(span / 2 + random() * (span / 2));
}
