// The keystroke path on real SQLite: a lone update is on disk before any peer is sent it, peers get the very frame
// it came in, it is applied before acks go out (so they cover it), and what cannot take that path still works.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeSyncStep1, encodeUpdate } from '../../../shared/protocol/codec';
import { MessageType } from '../../../shared/protocol/message-types';
import type { Fanout } from '../fanout/fanout';
import { LocalFanout } from '../fanout/local-fanout';
import { createLogger } from '../logger';
import { createMetrics } from '../metrics/metrics';
import { SqliteStore } from '../storage/sqlite-store';
import type { PendingAppend } from '../storage/storage';
import { Committer } from './committer';
import type { PeerSocket } from './peer-socket';
import { Room } from './room';
import { Session } from './session';

/** Everything that happened, in order: commits (with the doc's text at that moment) and sends. */
type Event = { kind: 'commit'; updates: number; textInMemory: string } | { kind: 'send'; to: string; frame: Uint8Array };

class OrderedStore extends SqliteStore {
  constructor(
    options: ConstructorParameters<typeof SqliteStore>[0],
    private readonly events: Event[],
    private readonly textInMemory: () => string,
  ) {
    super(options);
  }

  override appendBatchNow(batch: readonly PendingAppend[]): void {
    super.appendBatchNow(batch);
    this.events.push({ kind: 'commit', updates: batch.length, textInMemory: this.textInMemory() });
  }
}

class RecordingSocket implements PeerSocket {
  bufferedAmount = 0;
  constructor(
    private readonly name: string,
    private readonly events: Event[],
  ) {}
  send(frame: Uint8Array): void {
    this.events.push({ kind: 'send', to: this.name, frame });
  }
  close(): void {}
}

const dirs: string[] = [];
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function setUp() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-keystroke-'));
  dirs.push(dir);
  const events: Event[] = [];
  let room: Room | null = null;
  const store = new OrderedStore({ path: path.join(dir, 'tandem.db') }, events, () => room?.doc.getText('t').toString() ?? '');
  const metrics = createMetrics();
  const logger = createLogger('error');
  const committer = new Committer(store, metrics, logger);
  room = new Room('keys', {
    committer,
    fanout: new LocalFanout() as Fanout,
    metrics,
    logger,
    limits: { maxDocBytes: 1 << 20, maxBufferedBytes: 1 << 20, maxAwarenessBytes: 1 << 14 },
    onEmpty: () => undefined,
    onCommitted: () => undefined,
  });
  const joined = (name: string, wantsAck: boolean) => {
    const session = new Session(new RecordingSocket(name, events), { userId: null, name: null, role: 'editor' }, wantsAck, { rateMessages: 1000, rateBytes: 1 << 20 });
    room!.join(session);
    return session;
  };
  const writer = joined('writer', true);
  joined('reader', false);
  events.length = 0; // the handshake frames
  const theRoom = room;
  cleanups.push(async () => {
    theRoom.destroy();
    await store.close();
  });
  return { room: theRoom, store, committer, events, writer };
}

/** A client's document in step with the room, and the update each edit makes. */
function clientOf(room: Room) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc));
  const type = (text: string, at = doc.getText('t').length): Uint8Array => {
    let update: Uint8Array | null = null;
    const capture = (u: Uint8Array) => {
      update = u;
    };
    doc.on('update', capture);
    doc.getText('t').insert(at, text);
    doc.off('update', capture);
    return update!;
  };
  return { doc, type };
}

function decodeAckStateVector(frame: Uint8Array): Map<number, number> | null {
  const decoder = decoding.createDecoder(frame);
  if (decoding.readVarUint(decoder) !== MessageType.Ack) return null;
  return Y.decodeStateVector(decoding.readVarUint8Array(decoder));
}

describe('the keystroke path', () => {
  it('commits a lone keystroke before any peer is sent it, and sends the frame it came in', async () => {
    const { room, store, events, writer } = setUp();
    const client = clientOf(room);
    const frame = encodeUpdate(client.type('a'));
    room.receive(writer, frame);

    const toReader = events.filter((e) => e.kind === 'send' && e.to === 'reader');
    expect(toReader).toHaveLength(1);
    expect(toReader[0]!.kind === 'send' && toReader[0]!.frame).toBe(frame);
    const commitAt = events.findIndex((e) => e.kind === 'commit');
    expect(commitAt).toBeGreaterThanOrEqual(0);
    expect(commitAt).toBeLessThan(events.indexOf(toReader[0]!));
    // Committed before it was applied: the peers did not wait for the apply.
    expect(events[commitAt]).toMatchObject({ kind: 'commit', updates: 1, textInMemory: '' });
    expect(room.doc.getText('t').toString()).toBe('a');

    const stored = await store.load('keys');
    const reloaded = new Y.Doc();
    for (const update of stored!.updates) Y.applyUpdate(reloaded, update);
    expect(reloaded.getText('t').toString()).toBe('a');
  });

  it('acknowledges a keystroke with a state vector that covers it', () => {
    const { room, events, writer } = setUp();
    const client = clientOf(room);
    room.receive(writer, encodeUpdate(client.type('ab')));
    const acks = events.flatMap((e) => (e.kind === 'send' && e.to === 'writer' ? [decodeAckStateVector(e.frame)] : []));
    expect(acks).toHaveLength(1);
    expect(acks[0]!.get(client.doc.clientID)).toBe(Y.getState(client.doc.store, client.doc.clientID));
  });

  it('keeps every keystroke of a fast typist, in order, on disk and in every peer', async () => {
    const { room, store, committer, events, writer } = setUp();
    const client = clientOf(room);
    for (const char of 'the quick brown fox') room.receive(writer, encodeUpdate(client.type(char)));
    expect(room.doc.getText('t').toString()).toBe('the quick brown fox');
    // In one task: the first commits at once, the rest share the iteration's second commit.
    await committer.drain();
    const reader = new Y.Doc();
    for (const e of events) {
      if (e.kind === 'send' && e.to === 'reader') Y.applyUpdate(reader, decodeUpdateFrame(e.frame));
    }
    expect(reader.getText('t').toString()).toBe('the quick brown fox');
    const stored = await store.load('keys');
    const reloaded = new Y.Doc();
    for (const update of stored!.updates) Y.applyUpdate(reloaded, update);
    expect(reloaded.getText('t').toString()).toBe('the quick brown fox');
  });

  it('applies a large paste before committing it (decoding it twice would cost what the keystroke path saves)', async () => {
    const { room, events, writer } = setUp();
    const client = clientOf(room);
    const paste = 'lorem ipsum '.repeat(2_000);
    room.receive(writer, encodeUpdate(client.type(paste)));
    expect(events.find((e) => e.kind === 'commit')).toMatchObject({ kind: 'commit', updates: 1, textInMemory: paste });
    expect(events.filter((e) => e.kind === 'send' && e.to === 'reader')).toHaveLength(1);
  });

  it('applies an update that depends on unknown content first (the general path), and stores nothing of it', async () => {
    const { room, store, events, writer } = setUp();
    const client = clientOf(room);
    client.type('known');
    // The server never got 'known', so this keystroke has a gap: it cannot be integrated and is dropped.
    room.receive(writer, encodeUpdate(client.type('!')));
    expect(events.filter((e) => e.kind === 'commit' || (e.kind === 'send' && e.to === 'reader'))).toEqual([]);
    expect(room.doc.store.pendingStructs).toBeNull();
    expect(await store.load('keys')).toBeNull();
  });

  it('commits an update packed with other messages in the frame at the end of its task (the general path)', async () => {
    const { room, committer, events, writer } = setUp();
    const client = clientOf(room);
    const update = encodeUpdate(client.type('x'));
    const step1 = encodeSyncStep1(Y.encodeStateVector(new Y.Doc()));
    const packed = new Uint8Array(update.byteLength + step1.byteLength);
    packed.set(update, 0);
    packed.set(step1, update.byteLength);
    room.receive(writer, packed);
    expect(room.doc.getText('t').toString()).toBe('x');
    expect(events.filter((e) => e.kind === 'commit')).toEqual([]);
    await committer.drain();
    expect(events.filter((e) => e.kind === 'commit')).toMatchObject([{ updates: 1, textInMemory: 'x' }]);
    expect(events.filter((e) => e.kind === 'send' && e.to === 'reader')).toHaveLength(1);
  });
});

function decodeUpdateFrame(frame: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(frame);
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
  return decoding.readVarUint8Array(decoder);
}
