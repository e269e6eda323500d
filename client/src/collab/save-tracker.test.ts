import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { ObservableV2 } from 'lib0/observable';
import { describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MessageType } from '../../../shared/protocol/message-types';
import { trackSaves } from './save-tracker';
import type { UnsavedLedger } from './unsaved-ledger';

type Handler = WebsocketProvider['messageHandlers'][number];

/** The parts of y-websocket's provider the tracker touches, with its stock sync handler. */
class FakeProvider extends ObservableV2<{ status: (event: { status: string }) => void; 'connection-close': (event: CloseEvent | null) => void }> {
  readonly sent: Uint8Array[] = [];
  readonly ws = { send: (frame: Uint8Array) => this.sent.push(frame) };
  wsconnected = false;
  readonly messageHandlers: Handler[] = [];

  constructor(readonly doc: Y.Doc) {
    super();
    this.messageHandlers[MessageType.Sync] = (encoder, decoder, provider) => {
      encoding.writeVarUint(encoder, MessageType.Sync);
      syncProtocol.readSyncMessage(decoder, encoder, provider.doc, provider);
    };
  }

  connect(): void {
    this.wsconnected = true;
    this.emit('status', [{ status: 'connected' }]);
  }

  deliver(frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    this.messageHandlers[type]?.(encoding.createEncoder(), decoder, this as unknown as WebsocketProvider, true, type);
  }
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

const ackFrame = (server: Y.Doc) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.Ack);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(server));
  });
const step1Frame = (server: Y.Doc) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    syncProtocol.writeSyncStep1(e, server);
  });
const step2Frame = () =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    syncProtocol.writeSyncStep2(e, new Y.Doc());
  });

function memoryLedger(initial: number[] = []): UnsavedLedger {
  let ids = [...initial];
  return { read: () => [...ids], add: (id) => void (ids.includes(id) || ids.push(id)), clear: () => void (ids = []), flush() {}, destroy() {} };
}

async function setUp(options: { ledger?: UnsavedLedger; restoredFrom?: Y.Doc } = {}) {
  const doc = new Y.Doc();
  if (options.restoredFrom) Y.applyUpdate(doc, Y.encodeStateAsUpdate(options.restoredFrom), 'indexeddb');
  const provider = new FakeProvider(doc);
  const ledger = options.ledger ?? memoryLedger();
  const tracker = trackSaves({ provider: provider as unknown as WebsocketProvider, ledger, whenRestored: Promise.resolve() });
  await Promise.resolve();
  const server = new Y.Doc();
  /** Connects and completes the handshake as the server does: its SyncStep1, then the reply to ours. */
  const handshake = async () => {
    provider.connect();
    provider.deliver(step1Frame(server));
    provider.deliver(step2Frame());
    await Promise.resolve();
  };
  /** The server receives everything this client has and commits it. */
  const serverCommits = () => Y.applyUpdate(server, Y.encodeStateAsUpdate(doc));
  return { doc, provider, ledger, server, handshake, serverCommits, isUnsaved: () => tracker.hasUnsavedEdits.get() };
}

describe('trackSaves', () => {
  it('reports nothing unsaved before any edit', async () => {
    const { isUnsaved } = await setUp();
    expect(isUnsaved()).toBe(false);
  });

  it('keeps an insert unsaved until an ack covers this client clock', async () => {
    const { doc, provider, server, handshake, serverCommits, isUnsaved } = await setUp();
    await handshake();
    doc.getText('t').insert(0, 'hello');
    expect(isUnsaved()).toBe(true);
    provider.deliver(ackFrame(server));
    expect(isUnsaved()).toBe(true);
    serverCommits();
    provider.deliver(ackFrame(server));
    expect(isUnsaved()).toBe(false);
  });

  it('confirms a delete-only change with the reply to a SyncStep1 sent after it', async () => {
    const { doc, provider, server, handshake, serverCommits, isUnsaved } = await setUp();
    await handshake();
    doc.getText('t').insert(0, 'hello');
    serverCommits();
    provider.deliver(ackFrame(server));
    expect(isUnsaved()).toBe(false);

    doc.getText('t').delete(0, 1);
    expect(isUnsaved()).toBe(true);
    await Promise.resolve();
    const fence = provider.sent.at(-1);
    expect(fence?.[0]).toBe(MessageType.Sync);
    expect(fence?.[1]).toBe(0);
    provider.deliver(step2Frame());
    expect(isUnsaved()).toBe(false);
  });

  it('does not count the reply to the handshake as confirming a later delete', async () => {
    const { doc, provider, server, serverCommits, isUnsaved } = await setUp();
    doc.getText('t').insert(0, 'hello');
    serverCommits();
    provider.connect();
    provider.deliver(step1Frame(server));
    doc.getText('t').delete(0, 1);
    provider.deliver(step2Frame());
    expect(isUnsaved()).toBe(true);
    await Promise.resolve();
    provider.deliver(step2Frame());
    expect(isUnsaved()).toBe(false);
  });

  it('keeps edits of an earlier page unsaved until the server state covers them', async () => {
    const earlier = new Y.Doc();
    earlier.getText('t').insert(0, 'typed offline');
    const { provider, server, ledger, isUnsaved } = await setUp({ ledger: memoryLedger([earlier.clientID]), restoredFrom: earlier });
    expect(isUnsaved()).toBe(true);
    provider.connect();
    provider.deliver(step1Frame(server));
    provider.deliver(step2Frame());
    await Promise.resolve();
    expect(isUnsaved()).toBe(true);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(earlier));
    provider.deliver(ackFrame(server));
    // The restored edits may have held deletions too: one more round trip confirms those.
    provider.deliver(step2Frame());
    expect(isUnsaved()).toBe(false);
    expect(ledger.read()).toEqual([]);
  });

  it('counts edits already on the server as saved when it says so in its SyncStep1', async () => {
    const earlier = new Y.Doc();
    earlier.getText('t').insert(0, 'saved before the reload');
    const { provider, server, isUnsaved } = await setUp({ ledger: memoryLedger([earlier.clientID]), restoredFrom: earlier });
    Y.applyUpdate(server, Y.encodeStateAsUpdate(earlier));
    provider.connect();
    provider.deliver(step1Frame(server));
    provider.deliver(step2Frame());
    await Promise.resolve();
    provider.deliver(step2Frame());
    expect(isUnsaved()).toBe(false);
  });
});
