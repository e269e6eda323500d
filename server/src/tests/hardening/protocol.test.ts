// Malformed traffic on /collab: unknown message types, text frames, updates that do not decode, oversized
// messages and frames packed with thousands of messages. Each attacker gets the close code of CONTRACT.md and the
// good users around it are unaffected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { CloseCode } from '../../../../shared/close-codes';
import { startTestServer, type TestServer } from '../../test-support/test-server';
import { expectClosedWith, frameOf, joinedAttacker, openAttacker, updateFrame, type Attacker } from './attacker';
import { expectServerUnharmed, prepareTarget } from './good-users';

const MAX_MESSAGE_BYTES = 65_536;
let server: TestServer;
const attackers: Attacker[] = [];
const attack = async (doc: string) => {
  const attacker = await joinedAttacker(server.wsUrl, doc);
  attackers.push(attacker);
  return attacker;
};

beforeAll(async () => {
  server = await startTestServer({ MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES) });
});
afterAll(async () => {
  for (const a of attackers) a.ws.terminate();
  await server.stop();
});

const target = (name: string) => prepareTarget(server, name);

function stateOf(doc: string): Uint8Array {
  const room = server.ctx.registry.peek(doc);
  if (!room) throw new Error(`${doc} is not loaded`);
  return Y.encodeStateVector(room.doc);
}

describe('malformed frames', () => {
  it('closes a connection that sends an unknown message type with 4400', async () => {
    const t = await target('unknown-types');
    // Auth (2) and Ack (100) are server-to-client only; the rest are not part of the protocol at all.
    const types = [2, 4, 42, 99, 100, 127, 128, 0x7fffffff, 2 ** 40];
    for (const type of types) {
      const attacker = await attack(t.doc);
      attacker.send(frameOf((e) => {
        encoding.writeVarUint(e, type);
        encoding.writeVarUint8Array(e, new Uint8Array([1, 2, 3]));
      }));
      await expectClosedWith(attacker, CloseCode.ProtocolViolation);
    }
    const unknownStep = await attack(t.doc);
    unknownStep.send(new Uint8Array([0, 3, 0]));
    await expectClosedWith(unknownStep, CloseCode.ProtocolViolation);
    await expectServerUnharmed(server, t);
  });

  it('closes a connection that sends a text frame with 4400, before and after it joined', async () => {
    const t = await target('text-frames');
    const early = openAttacker(server.wsUrl, t.doc);
    attackers.push(early);
    early.ws.on('open', () => early.ws.send('{"type":"sync"}'));
    await expectClosedWith(early, CloseCode.ProtocolViolation);
    const joined = await attack(t.doc);
    joined.send('hello');
    await expectClosedWith(joined, CloseCode.ProtocolViolation);
    await expectServerUnharmed(server, t);
  });

  it('closes a connection whose update does not decode with 4400 and leaves the document unchanged', async () => {
    const t = await target('bad-updates');
    const before = stateOf(t.doc);
    const valid = (() => {
      const d = new Y.Doc();
      d.getText('t').insert(0, 'this must not be applied');
      return Y.encodeStateAsUpdate(d);
    })();
    const bad = [
      new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f]), // absurd client count
      new Uint8Array([1, 0x80, 0xe1, 0xeb, 0x17, 1, 0]), // one client claiming 50,000,000 structs
      new Uint8Array([1, 1, 0x80]), // truncated varint
      valid.subarray(0, Math.floor(valid.byteLength / 2)), // a truncated real update
      new Uint8Array([1, 1, 5, 0, 0xff, 1, 2, 3]), // unknown content ref
    ];
    for (const update of bad) {
      for (const step of [1, 2]) {
        const attacker = await attack(t.doc);
        attacker.send(frameOf((e) => {
          encoding.writeVarUint(e, 0);
          encoding.writeVarUint(e, step);
          encoding.writeVarUint8Array(e, update);
        }));
        await expectClosedWith(attacker, CloseCode.ProtocolViolation);
      }
    }
    // A length prefix that runs past the end of the frame.
    const overrun = await attack(t.doc);
    overrun.send(new Uint8Array([0, 2, 100, 1, 2, 3]));
    await expectClosedWith(overrun, CloseCode.ProtocolViolation);
    expect(stateOf(t.doc)).toEqual(before);
    await expectServerUnharmed(server, t);
  });

  it(`closes a connection that sends a message over MAX_MESSAGE_BYTES (${MAX_MESSAGE_BYTES}) with 1009`, async () => {
    const t = await target('oversized');
    const closedTooBig = async () =>
      (await server.ctx.metrics.closes.get()).values.find((v) => v.labels.code === String(CloseCode.MessageTooBig))?.value ?? 0;
    const closedBefore = await closedTooBig();
    const attacker = await attack(t.doc);
    const d = new Y.Doc();
    d.getText('t').insert(0, 'x'.repeat(MAX_MESSAGE_BYTES));
    attacker.send(updateFrame(Y.encodeStateAsUpdate(d)));
    await expectClosedWith(attacker, CloseCode.MessageTooBig);
    // Fragments that only add up to too much are refused the same way.
    const fragmented = await attack(t.doc);
    const part = new Uint8Array(MAX_MESSAGE_BYTES / 2);
    fragmented.ws.send(part, { binary: true, fin: false });
    fragmented.ws.send(part, { binary: true, fin: false });
    fragmented.ws.send(part, { binary: true, fin: true });
    await expectClosedWith(fragmented, CloseCode.MessageTooBig);
    // Counted like the closes the server decides itself.
    expect(await closedTooBig()).toBe(closedBefore + 2);
    expect(await storedTextOf(t.doc)).not.toContain('xxxx');
    await expectServerUnharmed(server, t);
  });

  it('closes a connection that packs thousands of messages into one frame with 4400, without answering them', async () => {
    const t = await target('packed');
    // 60 000 query-awareness messages (one byte each) and 15 000 SyncStep1 requests (four bytes each).
    const queries = new Uint8Array(60_000).fill(3);
    const requests = new Uint8Array(60_000);
    for (let i = 0; i < requests.length; i += 4) requests.set([0, 0, 1, 0], i);
    for (const frame of [queries, requests]) {
      const attacker = await attack(t.doc);
      const framesBefore = attacker.frames.length;
      attacker.send(frame);
      await expectClosedWith(attacker, CloseCode.ProtocolViolation);
      expect(attacker.frames.length - framesBefore).toBeLessThan(100);
    }
    await expectServerUnharmed(server, t);
  });
});

async function storedTextOf(doc: string): Promise<string> {
  const stored = await server.ctx.store.load(doc);
  const replay = new Y.Doc();
  for (const update of stored?.updates ?? []) Y.applyUpdate(replay, update);
  return replay.getText('t').toString();
}
