// Property-based fuzzing of /collab with fast-check (frames from fuzz-frames.ts). For every frame the server either
// keeps the connection or closes it with a protocol code, and afterwards the document is intact.
// A failure prints fast-check's seed and path; pass them back as fc.assert options ({ seed, path }) to replay it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { CloseCode } from '../../../../shared/close-codes';
import { startTestServer, type TestServer } from '../../test-support/test-server';
import { LanePool } from './attacker';
import { packedFrame, singleFrame } from './fuzz-frames';
import { expectServerUnharmed, writeKnownText } from './good-users';

/** What a fuzzed frame may earn: a protocol violation, forged awareness, or a document grown too large. */
const ALLOWED_CLOSES: readonly number[] = [CloseCode.ProtocolViolation, CloseCode.Forbidden, CloseCode.DocumentTooLarge];
const DOC = 'fuzzed';
const KNOWN = 'known text that no fuzzed frame may remove';
/** Frames of one fast-check case go out on this many connections at once: most cases close their connection,
 *  and the handshakes of the next ones overlap instead of queueing. */
const LANES = 8;

let server: TestServer;
let pool: LanePool;

beforeAll(async () => {
  // Generous rate limits, so the fuzzer exercises decoding rather than the rate limiter.
  server = await startTestServer({ RATE_LIMIT_MESSAGES: '1000000', RATE_LIMIT_BYTES: '1000000000', MAX_CONNECTIONS_PER_IP: '1000' });
  await writeKnownText(server, DOC, KNOWN);
  pool = new LanePool(server.wsUrl, DOC, LANES);
});
afterAll(async () => {
  pool.close();
  await server.stop();
});

async function sendCases(frames: Uint8Array[]): Promise<void> {
  for (const { frame, closed } of await pool.send(frames)) {
    if (closed && !ALLOWED_CLOSES.includes(closed.code)) {
      throw new Error(`closed with ${closed.code} (${closed.reason}) for frame [${Array.from(frame).join(',')}]`);
    }
  }
}

describe('fuzzed frames', () => {
  it('never crash the server, never get a close code outside 4400/4403/4413, and leave the document intact', async () => {
    const batch = (frame: fc.Arbitrary<Uint8Array>) => fc.array(frame, { minLength: 1, maxLength: LANES });
    await fc.assert(fc.asyncProperty(batch(singleFrame), sendCases), { numRuns: 500 });
    await fc.assert(fc.asyncProperty(batch(packedFrame), sendCases), { numRuns: 200 });
    expect(pool.cases).toBeGreaterThanOrEqual(2_500);
    // Both outcomes happened many times: the fuzzer reached past the codec into Yjs and awareness handling.
    const closed = [...pool.closes.values()].reduce((n, c) => n + c, 0);
    expect(pool.closes.get(CloseCode.ProtocolViolation) ?? 0).toBeGreaterThan(100);
    expect(pool.cases - closed).toBeGreaterThan(100);
    const internalErrors = await server.ctx.metrics.internalErrors.get();
    expect(internalErrors.values.reduce((n, v) => n + v.value, 0)).toBe(0);

    await expectServerUnharmed(server, { doc: DOC, otherDoc: `${DOC}-other`, known: KNOWN });
    // What is stored replays to exactly what is live (same state vector and delete set).
    await server.ctx.committer.drain();
    const stored = await server.ctx.store.load(DOC);
    const replay = new Y.Doc();
    for (const update of stored?.updates ?? []) Y.applyUpdate(replay, update);
    expect(Y.equalSnapshots(Y.snapshot(replay), Y.snapshot(server.ctx.registry.peek(DOC)!.doc))).toBe(true);
    expect(replay.getText('t').toString()).toContain(KNOWN);
  }, 60_000);
});
