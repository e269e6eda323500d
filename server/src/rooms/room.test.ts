// A room on its own, with a store whose commits the test releases by hand: nothing uncommitted may leave the
// room, neither to a client (SyncStep2) nor to another instance (a catch-up reply through the fan-out).
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeFrame, encodeSyncStep1, encodeUpdate } from '../../../shared/protocol/codec';
import type { Fanout, FanoutMessage } from '../fanout/fanout';
import { createLogger } from '../logger';
import { createMetrics } from '../metrics/metrics';
import type { DocumentStore, PendingAppend } from '../storage/storage';
import { Committer } from './committer';
import { ADMIN_ORIGIN } from './origins';
import type { PeerSocket } from './peer-socket';
import { Room } from './room';
import { Session } from './session';

/** Appends wait until release() is called; everything else of DocumentStore is unused here. */
class HeldStore {
  readonly appended: PendingAppend[] = [];
  private releases: Array<() => void> = [];

  appendBatch(batch: readonly PendingAppend[]): Promise<void> {
    return new Promise((resolve) => {
      this.releases.push(() => {
        this.appended.push(...batch);
        resolve();
      });
    });
  }

  release(): void {
    for (const release of this.releases.splice(0)) release();
  }
}

class RecordingFanout {
  readonly instanceId = 'this-instance';
  readonly published: Array<Omit<FanoutMessage, 'from'>> = [];
  publish(_doc: string, message: Omit<FanoutMessage, 'from'>): void {
    this.published.push(message);
  }
}

class RecordingSocket implements PeerSocket {
  readonly frames: Uint8Array[] = [];
  bufferedAmount = 0;
  send(data: Uint8Array): void {
    this.frames.push(data);
  }
  close(): void {}
}

let room: Room | undefined;
afterEach(() => room?.destroy());

function setUp() {
  const store = new HeldStore();
  const fanout = new RecordingFanout();
  const metrics = createMetrics();
  const logger = createLogger('error');
  room = new Room('held', {
    committer: new Committer(store as unknown as DocumentStore, metrics, logger),
    fanout: fanout as unknown as Fanout,
    metrics,
    logger,
    limits: { maxDocBytes: 1 << 20, maxBufferedBytes: 1 << 20, maxAwarenessBytes: 1 << 14 },
    onEmpty: () => undefined,
    onCommitted: () => undefined,
  });
  const socket = new RecordingSocket();
  const session = new Session(socket, { userId: null, name: null, role: 'editor' }, false, { rateMessages: 1000, rateBytes: 1 << 20 });
  room.join(session);
  return { room, store, fanout, socket, session };
}

function typedUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('Room', () => {
  it('holds a catch-up request of another instance until the updates it would carry are committed', async () => {
    const { room, store, fanout, session } = setUp();
    room.receive(session, encodeUpdate(typedUpdate('unsaved')));
    await nextTurn();
    room.onFanout('held', { kind: 'sync-request', from: 'other-instance', payload: Y.encodeStateVector(new Y.Doc()) });
    expect(fanout.published.filter((m) => m.kind === 'sync-reply')).toHaveLength(0);

    store.release();
    await expect.poll(() => fanout.published.filter((m) => m.kind === 'sync-reply')).toHaveLength(1);
    const reply = fanout.published.find((m) => m.kind === 'sync-reply')!;
    const replica = new Y.Doc();
    Y.applyUpdate(replica, reply.payload);
    expect(replica.getText('t').toString()).toBe('unsaved');
    expect(store.appended).toHaveLength(1);
  });

  it('answers a catch-up request at once when nothing is waiting for its commit', () => {
    const { room, fanout } = setUp();
    room.onFanout('held', { kind: 'sync-request', from: 'other-instance', payload: Y.encodeStateVector(new Y.Doc()) });
    expect(fanout.published.map((m) => m.kind)).toEqual(['sync-reply', 'sync-request']);
  });

  it('holds a client SyncStep2 until the updates it would carry are committed', async () => {
    const { room, store, session, socket } = setUp();
    room.receive(session, encodeUpdate(typedUpdate('unsaved')));
    await nextTurn();
    const sentBefore = socket.frames.length;
    room.receive(session, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    expect(socket.frames).toHaveLength(sentBefore);

    store.release();
    await expect.poll(() => socket.frames.length).toBe(sentBefore + 1);
    const decoded = decodeFrame(socket.frames.at(-1)!);
    expect(decoded.ok && decoded.messages[0]?.type).toBe('sync-step2');
  });

  it('gives exports the stored state as loaded, then the document as it changes, never a stale copy', async () => {
    const { room, store, session } = setUp();
    const textOf = (state: Uint8Array): string => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, state);
      return doc.getText('t').toString();
    };
    room.loadStored([typedUpdate('stored')], 0);
    expect(textOf(room.encodedState())).toBe('stored');
    // A client that has nothing gets the full state from the same cache.
    room.receive(session, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    expect(textOf(room.encodedState())).toBe('stored');

    const edit = new Y.Doc();
    Y.applyUpdate(edit, room.encodedState());
    const before = Y.encodeStateVector(edit);
    edit.getText('t').insert(6, ' and typed');
    room.receive(session, encodeUpdate(Y.encodeStateAsUpdate(edit, before)));
    store.release();
    await expect.poll(() => textOf(room.encodedState())).toBe('stored and typed');
  });
  it("sends the other instances a peer's update as it came, so what was typed into a block deleted meanwhile is still in it", async () => {
    const { room, store, fanout, session } = setUp();
    // A block with text, which both the room and the typist hold.
    const typist = new Y.Doc();
    const block = new Y.Text('old paragraph');
    typist.getArray<Y.Text>('blocks').insert(0, [block]);
    const replacedState = Y.encodeStateAsUpdate(typist);
    // Commits go out after the task that enqueued them: released once they wait.
    const commitAll = (rows: number) => expect.poll(() => (store.release(), store.appended.length)).toBe(rows);
    room.receive(session, encodeUpdate(replacedState));
    await commitAll(1);
    // An import deletes the block here, while the typist, who has not seen that yet, types into it.
    const importer = new Y.Doc();
    Y.applyUpdate(importer, replacedState);
    const beforeImport = Y.encodeStateVector(importer);
    importer.getArray('blocks').delete(0, 1);
    room.applyServerUpdate(Y.encodeStateAsUpdate(importer, beforeImport), ADMIN_ORIGIN);
    const beforeTyping = Y.encodeStateVector(typist);
    block.insert(block.length, ' and a late word');
    const typed = Y.encodeStateAsUpdate(typist, beforeTyping);
    room.receive(session, encodeUpdate(typed));
    await commitAll(3);

    const relayed = fanout.published.filter((m) => m.kind === 'update').at(-1)!.payload;
    expect(relayed).toEqual(typed);
    // What the importing instance's watch does with it: applied to the replaced content, the word is there.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, replacedState);
    Y.applyUpdate(copy, relayed);
    expect(copy.getArray<Y.Text>('blocks').get(0).toString()).toBe('old paragraph and a late word');
  });
});
