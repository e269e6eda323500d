// Resource limits under attack: message, byte and sync-request floods (4429), documents grown past MAX_DOC_BYTES
// (4413), updates with missing dependencies (dropped), a reader that never reads while another user floods (4503,
// bounded buffer), connections that never speak or stop answering pings (4408), and connection floods from one
// address or into one document (4503).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Socket } from 'node:net';
import * as Y from 'yjs';
import { CloseCode } from '../../../../shared/close-codes';
import { startTestServer, type TestServer } from '../../test-support/test-server';
import { expectClosedWith, floodUntilClosed, joinedAttacker, openAttacker, syncStep1Frame, updateFrame, type Attacker } from './attacker';
import { expectGoodUsersConverge, expectServerUnharmed, storedText, writeKnownText } from './good-users';

const attackers: Attacker[] = [];
const track = (attacker: Attacker) => {
  attackers.push(attacker);
  return attacker;
};

afterAll(() => {
  for (const a of attackers) a.ws.terminate();
});

async function target(server: TestServer, name: string) {
  const known = `known text of ${name}`;
  await writeKnownText(server, name, known);
  return { doc: name, otherDoc: `${name}-other`, known };
}

/** Successive updates of one attacker-side document, each inserting `bytes` characters into `type`. */
function updateStream(type: string, bytes: number) {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  return {
    insert(): Uint8Array {
      doc.getText(type).insert(0, 'f'.repeat(bytes));
      return updates.pop() as Uint8Array;
    },
    deleteAll(): Uint8Array {
      const text = doc.getText(type);
      text.delete(0, text.length);
      return updates.pop() as Uint8Array;
    },
  };
}

describe('rate limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_MESSAGES: '20', RATE_LIMIT_BYTES: '65536' });
  });
  afterAll(() => server.stop());

  it('closes a connection flooding valid updates with 4429 (RATE_LIMIT_MESSAGES=20)', async () => {
    const t = await target(server, 'message-flood');
    const attacker = track(await joinedAttacker(server.wsUrl, t.doc));
    const stream = updateStream('flood', 1);
    const frames = Array.from({ length: 2_000 }, () => updateFrame(stream.insert()));
    expect((await floodUntilClosed(attacker, frames)).code).toBe(CloseCode.RateLimited);
    await expectServerUnharmed(server, t);
  });

  it('closes a connection flooding bytes with 4429 (RATE_LIMIT_BYTES=65536)', async () => {
    const t = await target(server, 'byte-flood');
    const attacker = track(await joinedAttacker(server.wsUrl, t.doc));
    const stream = updateStream('flood', 40_000);
    // Batches of 10 frames are far below the message limit, but 400 kB each is past the 5 × 64 kB burst.
    const frames = Array.from({ length: 40 }, () => updateFrame(stream.insert()));
    expect((await floodUntilClosed(attacker, frames, 10)).code).toBe(CloseCode.RateLimited);
    await expectServerUnharmed(server, t);
  });

  it('closes a connection that keeps asking for a large document with 4429 (each SyncStep1 costs its size)', async () => {
    const t = await target(server, 'sync-flood');
    const writer = track(await joinedAttacker(server.wsUrl, t.doc));
    const content = updateStream('bulk', 50_000);
    for (let i = 0; i < 4; i++) writer.send(updateFrame(content.insert()));
    expect(await writer.roundTrip()).toBe('open');
    writer.ws.close();
    const attacker = track(await joinedAttacker(server.wsUrl, t.doc));
    // 200 kB per answer: the first passes, the byte budget (5 × 64 kB) is gone after the second.
    for (let i = 0; i < 5; i++) attacker.send(syncStep1Frame(new Uint8Array([0])));
    await expectClosedWith(attacker, CloseCode.RateLimited);
    const answers = attacker.frames.filter((f) => f[0] === 0 && f[1] === 1);
    expect(answers.length).toBeLessThanOrEqual(2);
    await expectServerUnharmed(server, t);
  });
});

describe('document size limit', () => {
  const MAX_DOC_BYTES = 65_536;
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ MAX_DOC_BYTES: String(MAX_DOC_BYTES) });
  });
  afterAll(() => server.stop());

  it(`closes a connection whose update would grow the document past MAX_DOC_BYTES (${MAX_DOC_BYTES}) with 4413, without applying it`, async () => {
    const t = await target(server, 'too-large');
    const attacker = track(await joinedAttacker(server.wsUrl, t.doc));
    const room = server.ctx.registry.peek(t.doc)!;
    const before = Y.encodeStateVector(room.doc);
    attacker.send(updateFrame(updateStream('t', MAX_DOC_BYTES).insert()));
    await expectClosedWith(attacker, CloseCode.DocumentTooLarge);
    expect(Y.encodeStateVector(room.doc)).toEqual(before);
    await server.ctx.committer.drain();
    expect(await storedText(server.ctx.store, t.doc)).toBe(t.known);
    await expectServerUnharmed(server, t);
  });

  it('keeps a client that only deletes, or resends what the document holds, once the document is near its limit', async () => {
    const t = await target(server, 'near-limit');
    const writer = track(await joinedAttacker(server.wsUrl, t.doc));
    const room = server.ctx.registry.peek(t.doc)!;
    const local = new Y.Doc();
    const fill = local.getText('fill');
    fill.insert(0, 'f'.repeat(MAX_DOC_BYTES - 4_000));
    writer.send(updateFrame(Y.encodeStateAsUpdate(local)));
    expect(await writer.roundTrip()).toBe('open');
    // Deleting is how people make room: a small update, accepted as any other.
    const beforeDelete = Y.encodeStateVector(local);
    fill.delete(0, 1_000);
    writer.send(updateFrame(Y.encodeStateAsUpdate(local, beforeDelete)));
    expect(await writer.roundTrip()).toBe('open');
    expect(room.doc.getText('fill').length).toBe(MAX_DOC_BYTES - 5_000);
    // A reconnecting client's SyncStep2 against an empty state vector: 60 kB on the wire, nothing new in it.
    writer.send(updateFrame(Y.encodeStateAsUpdate(local)));
    expect(await writer.roundTrip()).toBe('open');
    // Adding past the limit is still refused, and nothing of it applied.
    const beforeGrowth = Y.encodeStateVector(room.doc);
    fill.insert(0, 'g'.repeat(6_000));
    writer.send(updateFrame(Y.encodeStateAsUpdate(local, beforeDelete)));
    await expectClosedWith(writer, CloseCode.DocumentTooLarge);
    expect(Y.encodeStateVector(room.doc)).toEqual(beforeGrowth);
    expect(room.doc.getText('fill').length).toBe(MAX_DOC_BYTES - 5_000);
    await expectServerUnharmed(server, t);
  });

  it('drops updates that depend on content the server never received, so they cannot pile up in memory', async () => {
    const t = await target(server, 'pending-pile');
    const attacker = track(await joinedAttacker(server.wsUrl, t.doc));
    const room = server.ctx.registry.peek(t.doc)!;
    const bytesBefore = room.bytes;
    // Each update depends on a first character the server never gets, so Yjs would keep it pending, unapplied.
    // 20 × 16 kB is far past MAX_DOC_BYTES: kept, they would pile up (and be merged again on every later edit).
    for (let i = 0; i < 20; i++) {
      const orphan = new Y.Doc();
      orphan.clientID = 1_000_000 + i;
      orphan.getText('t').insert(0, 'never sent');
      const sv = Y.encodeStateVector(orphan);
      orphan.getText('t').insert(0, 'p'.repeat(16_000));
      attacker.send(updateFrame(Y.encodeStateAsUpdate(orphan, sv)));
    }
    expect(await attacker.roundTrip()).toBe('open');
    expect(room.doc.store.pendingStructs).toBeNull();
    expect(room.doc.store.pendingDs).toBeNull();
    expect(room.bytes).toBe(bytesBefore);
    const rejected = await server.ctx.metrics.rejected.get();
    expect(rejected.values.find((v) => v.labels.reason === 'update_missing_dependencies')?.value).toBeGreaterThanOrEqual(20);
    await expectServerUnharmed(server, t);
  });

  it('still gets a dropped update from the SyncStep2 a client sends after it (a client reconnecting with offline edits)', async () => {
    const t = await target(server, 'pending-race');
    const client = track(await joinedAttacker(server.wsUrl, t.doc));
    const room = server.ctx.registry.peek(t.doc)!;
    // The client wrote offline, then types right after reconnecting, before answering the server's SyncStep1.
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(room.doc));
    local.getText('t').insert(0, 'offline ');
    const sv = Y.encodeStateVector(local);
    local.getText('t').insert(0, 'typed ');
    client.send(updateFrame(Y.encodeStateAsUpdate(local, sv)));
    await client.roundTrip();
    expect(room.doc.getText('t').toString()).not.toContain('typed');
    // Its SyncStep2 answer carries everything the server lacks, the dropped update included.
    const syncStep2 = updateFrame(Y.encodeStateAsUpdate(local, Y.encodeStateVector(room.doc)));
    syncStep2[1] = 1;
    client.send(syncStep2);
    await client.roundTrip();
    expect(room.doc.getText('t').toString()).toBe(`typed offline ${t.known}`);
    await expectServerUnharmed(server, t);
  });
});

describe('slow readers', () => {
  const MAX_BUFFERED_BYTES = 262_144;
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      MAX_BUFFERED_BYTES: String(MAX_BUFFERED_BYTES),
      MAX_DOC_BYTES: String(256 * 1024 * 1024),
      RATE_LIMIT_BYTES: String(256 * 1024 * 1024),
      RATE_LIMIT_MESSAGES: '100000',
    });
  });
  afterAll(() => server.stop());

  it(`closes a reader that never reads with 4503 and keeps its send buffer near MAX_BUFFERED_BYTES (${MAX_BUFFERED_BYTES})`, async () => {
    const t = await target(server, 'slow-reader');
    const reader = track(await joinedAttacker(server.wsUrl, t.doc));
    const flooder = track(await joinedAttacker(server.wsUrl, t.doc));
    const room = server.ctx.registry.peek(t.doc)!;
    // The two newest sessions are the reader and then the flooder.
    const readerSession = [...room.sessions].at(-2)!;
    (reader.ws as unknown as { _socket: Socket })._socket.pause();
    let maxBuffered = 0;
    const sampler = setInterval(() => {
      maxBuffered = Math.max(maxBuffered, readerSession.socket.bufferedAmount);
    }, 1);
    const FRAME = 64 * 1024;
    const stream = updateStream('flood', FRAME);
    let sent = 0;
    const flood = async (frames: number) => {
      // Insert and delete again, so the document stays small while 64 kB frames keep going out.
      for (let i = 0; i < frames && sent < 200 * 1024 * 1024; i++) {
        flooder.send(updateFrame(stream.insert()));
        flooder.send(updateFrame(stream.deleteAll()));
        sent += FRAME;
        await flooder.roundTrip();
      }
    };
    try {
      while (room.sessions.has(readerSession) && sent < 200 * 1024 * 1024) await flood(1);
    } finally {
      clearInterval(sampler);
    }
    expect(room.sessions.has(readerSession)).toBe(false);
    // The flood goes on, and none of it is queued for the closed reader.
    await flood(64);
    expect(maxBuffered).toBeLessThanOrEqual(MAX_BUFFERED_BYTES + 2 * FRAME);
    expect(flooder.closedWith).toBeNull();
    // Reading again, the slow reader finds the close frame behind what was buffered.
    (reader.ws as unknown as { _socket: Socket })._socket.resume();
    await expectClosedWith(reader, CloseCode.Overloaded);
    const received = reader.frames.reduce((sum, f) => sum + f.byteLength, 0);
    expect(received).toBeLessThan(sent - 60 * FRAME);
    await expectServerUnharmed(server, t);
  });
});

describe('connections that never speak', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ HANDSHAKE_TIMEOUT_MS: '300', PING_INTERVAL_MS: '200', MAX_CONNECTIONS_PER_IP: '1000', MAX_CONNECTIONS_PER_DOC: '1000' });
  });
  afterAll(() => server.stop());

  it('closes a peer that stops answering pings with 4408 (PING_INTERVAL_MS=200)', async () => {
    const t = await target(server, 'dead-peer');
    const peer = track(await joinedAttacker(server.wsUrl, t.doc));
    peer.send(syncStep1Frame(new Uint8Array([0])));
    expect(await peer.roundTrip()).toBe('open');
    const room = server.ctx.registry.peek(t.doc)!;
    const session = [...room.sessions].at(-1)!;
    const closes = async () => (await server.ctx.metrics.closes.get()).values.find((v) => v.labels.code === String(CloseCode.PongTimeout))?.value ?? 0;
    const before = await closes();
    // A paused socket reads nothing, so the server's pings go unanswered, as with a peer that vanished.
    (peer.ws as unknown as { _socket: Socket })._socket.pause();
    await vi.waitFor(async () => {
      expect(room.sessions.has(session)).toBe(false);
      expect(await closes()).toBe(before + 1);
    }, { timeout: 5_000, interval: 20 });
    await expectServerUnharmed(server, t);
  });

  it('closes 300 silent connections with 4408 after HANDSHAKE_TIMEOUT_MS (300 ms)', async () => {
    const t = await target(server, 'silent');
    const openedAt = performance.now();
    const silent = Array.from({ length: 300 }, (_, i) => track(openAttacker(server.wsUrl, i % 3 === 0 ? t.doc : `silent-${i % 3}`)));
    const closes = await Promise.all(silent.map((a) => a.closed));
    expect(closes.map((c) => c.code)).toEqual(silent.map(() => CloseCode.PongTimeout));
    expect(performance.now() - openedAt).toBeLessThan(10_000);
    await vi.waitFor(async () => expect(await server.ctx.metrics.connections.get()).toMatchObject({ values: [{ value: 0 }] }));
    await expectServerUnharmed(server, t);
  });
});

describe('connection limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ MAX_CONNECTIONS_PER_IP: '5', MAX_CONNECTIONS_PER_DOC: '8' });
  });
  afterAll(() => server.stop());

  it('refuses the sixth connection from one address with 4503 (MAX_CONNECTIONS_PER_IP=5), other addresses unaffected', async () => {
    const t = await target(server, 'per-ip');
    const localAddress = '127.0.0.2';
    const held = await Promise.all(Array.from({ length: 5 }, () => joinedAttacker(server.wsUrl, t.doc, { localAddress })));
    held.forEach(track);
    const refused = track(openAttacker(server.wsUrl, `${t.doc}-elsewhere`, { localAddress }));
    await expectClosedWith(refused, CloseCode.Overloaded);
    // While the five are held, users from another address work, in the same document and in another one.
    await expectServerUnharmed(server, t);
    for (const a of held) a.ws.close();
    await Promise.all(held.map((a) => a.closed));
    const again = track(await joinedAttacker(server.wsUrl, t.doc, { localAddress }));
    expect(again.closedWith).toBeNull();
  });

  it('refuses the ninth connection to one document with 4503 (MAX_CONNECTIONS_PER_DOC=8)', async () => {
    const t = await target(server, 'per-doc');
    const held = await Promise.all(Array.from({ length: 8 }, (_, i) => joinedAttacker(server.wsUrl, t.doc, { localAddress: `127.0.1.${i + 1}` })));
    held.forEach(track);
    const refused = track(openAttacker(server.wsUrl, t.doc, { localAddress: '127.0.2.1' }));
    await expectClosedWith(refused, CloseCode.Overloaded);
    await expectGoodUsersConverge(server, [t.otherDoc]);
    for (const a of held) a.ws.close();
    await Promise.all(held.map((a) => a.closed));
    await expectServerUnharmed(server, t);
  });
});
