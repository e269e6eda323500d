// Property-based fuzzing of /collab with fast-check (frames from fuzz-frames.ts). For every frame the server either
// keeps the connection or closes it with a protocol code, and afterwards the document is intact.
// A failure prints fast-check's seed and path; pass them back as fc.assert options ({ seed, path }) to replay it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { CloseCode } from '../../../../shared/close-codes';
import { startTestServer, type TestServer } from '../../test-support/test-server';
import { joinedAttacker, type Attacker } from './attacker';
import { packedFrame, singleFrame } from './fuzz-frames';
import { expectServerUnharmed, writeKnownText } from './good-users';

/** What a fuzzed frame may earn: a protocol violation, forged awareness, or a document grown too large. */
const ALLOWED_CLOSES: readonly number[] = [CloseCode.ProtocolViolation, CloseCode.Forbidden, CloseCode.DocumentTooLarge];
const DOC = 'fuzzed';
const KNOWN = 'known text that no fuzzed frame may remove';
const SPARE_CONNECTIONS = 12;

/** Frames of one fast-check case go out on this many connections at once: most cases close their connection,
 *  and the handshakes of the next ones overlap instead of queueing. */
const LANES = 8;

let server: TestServer;
const spares: Array<Promise<Attacker>> = [];
const lanes: Array<Attacker | null> = Array.from({ length: LANES }, () => null);
const seen = { cases: 0, closes: new Map<number, number>() };

beforeAll(async () => {
  // Generous rate limits, so the fuzzer exercises decoding rather than the rate limiter.
  server = await startTestServer({ RATE_LIMIT_MESSAGES: '1000000', RATE_LIMIT_BYTES: '1000000000', MAX_CONNECTIONS_PER_IP: '1000' });
  await writeKnownText(server, DOC, KNOWN);
  for (let i = 0; i < SPARE_CONNECTIONS; i++) spares.push(joinedAttacker(server.wsUrl, DOC));
});
afterAll(async () => {
  for (const lane of lanes) lane?.ws.terminate();
  for (const spare of spares) void spare.then((a) => a.ws.terminate(), () => {});
  await server.stop();
});

/** The lane's open connection, or a spare one (opened ahead of time, so a closed connection costs no wait). */
async function connection(lane: number): Promise<Attacker> {
  const open = lanes[lane];
  if (open && open.closedWith === null) return open;
  spares.push(joinedAttacker(server.wsUrl, DOC));
  const next = await spares.shift()!;
  lanes[lane] = next;
  return next;
}

/** Sends each frame on its own lane; resolves once the server handled them all (pong) or closed their connection. */
async function sendCases(frames: Uint8Array[]): Promise<void> {
  await Promise.all(frames.map((frame, lane) => sendCase(frame, lane)));
}

async function sendCase(frame: Uint8Array, lane: number): Promise<void> {
  const attacker = await connection(lane);
  attacker.send(frame);
  const outcome = await attacker.roundTrip(5_000);
  seen.cases++;
  if (outcome === 'closed') {
    const code = attacker.closedWith!.code;
    seen.closes.set(code, (seen.closes.get(code) ?? 0) + 1);
    if (!ALLOWED_CLOSES.includes(code)) {
      throw new Error(`closed with ${code} (${attacker.closedWith!.reason}) for frame [${Array.from(frame).join(',')}]`);
    }
  }
}

describe('fuzzed frames', () => {
  it('never crash the server, never get a close code outside 4400/4403/4413, and leave the document intact', async () => {
    const batch = (frame: fc.Arbitrary<Uint8Array>) => fc.array(frame, { minLength: 1, maxLength: LANES });
    await fc.assert(fc.asyncProperty(batch(singleFrame), sendCases), { numRuns: 600 });
    await fc.assert(fc.asyncProperty(batch(packedFrame), sendCases), { numRuns: 250 });
    expect(seen.cases).toBeGreaterThanOrEqual(3_000);
    // Both outcomes happened many times: the fuzzer reached past the codec into Yjs and awareness handling.
    expect(seen.closes.get(CloseCode.ProtocolViolation) ?? 0).toBeGreaterThan(100);
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
