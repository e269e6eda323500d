import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/close-codes';
import { planReconnect } from './reconnect-plan';

describe('planReconnect', () => {
  it('leaves dropped connections and keepalive timeouts to y-websocket backoff', () => {
    expect(planReconnect(1006, 0)).toEqual({ kind: 'backoff' });
    expect(planReconnect(CloseCode.PongTimeout, 0)).toEqual({ kind: 'backoff' });
    expect(planReconnect(CloseCode.InternalError, 0)).toEqual({ kind: 'backoff' });
  });

  it('stops for codes that reconnecting cannot fix', () => {
    for (const code of [CloseCode.MessageTooBig, CloseCode.ProtocolViolation, CloseCode.Forbidden, CloseCode.DocumentDeleted, CloseCode.DocumentTooLarge]) {
      expect(planReconnect(code, 0).kind).toBe('stop');
    }
    expect(planReconnect(CloseCode.DocumentDeleted, 0)).toMatchObject({ reason: 'This document was deleted.' });
  });

  it('asks for a fresh token on 4401', () => {
    expect(planReconnect(CloseCode.Unauthorized, 0).kind).toBe('refresh-token');
  });

  it('waits longer, with jitter, when rate limited or overloaded, and longer again each time', () => {
    const first = planReconnect(CloseCode.RateLimited, 0, () => 0);
    const firstMax = planReconnect(CloseCode.RateLimited, 0, () => 1);
    const third = planReconnect(CloseCode.Overloaded, 2, () => 0);
    expect(first).toMatchObject({ kind: 'wait', delayMs: 2_500 });
    expect(firstMax).toMatchObject({ kind: 'wait', delayMs: 5_000 });
    expect(third).toMatchObject({ kind: 'wait', delayMs: 10_000 });
    expect(planReconnect(CloseCode.Overloaded, 40, () => 1)).toMatchObject({ delayMs: 60_000 });
  });

  it('spreads reconnects after a server restart over a jittered window', () => {
    const early = planReconnect(CloseCode.GoingAway, 0, () => 0);
    const late = planReconnect(CloseCode.GoingAway, 0, () => 1);
    expect(early).toMatchObject({ kind: 'wait', delayMs: 500 });
    expect(late).toMatchObject({ kind: 'wait', delayMs: 1_000 });
  });
});
