// The y-websocket protocol against a real server with stock clients: convergence, late joiners, several
// messages per frame, awareness and its removal.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { clientPool, waitForText, waitSynced } from '../test-support/clients';
import { startTestServer, type TestServer } from '../test-support/test-server';

let server: TestServer;
const pool = clientPool(() => server.wsUrl);
const client = pool.connect;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  pool.destroyAll();
  await server.stop();
});

describe('collaboration over /collab', () => {
  it('two providers converge', async () => {
    const a = client('converge');
    const b = client('converge');
    await waitSynced(a, b);
    a.text.insert(0, 'hello ');
    b.text.insert(0, 'world');
    await vi.waitFor(() => {
      expect(a.text.toString()).toHaveLength(11);
      expect(b.text.toString()).toBe(a.text.toString());
    });
    expect(a.text.toString()).toContain('hello ');
    expect(a.text.toString()).toContain('world');
  });

  it('a late joiner gets everything', async () => {
    const a = client('late');
    await waitSynced(a);
    for (let i = 0; i < 50; i++) a.text.insert(a.text.length, `${i},`);
    const expected = a.text.toString();
    const late = client('late');
    await waitSynced(late);
    await waitForText(late, expected);
  });

  it('handles several messages packed in one frame', async () => {
    const writer = new Y.Doc();
    writer.getText('t').insert(0, 'packed');
    const awareness = new awarenessProtocol.Awareness(writer);
    awareness.setLocalState({ name: 'Packer' });
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeSyncStep1(encoder, new Y.Doc());
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(writer));
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [writer.clientID]));
    const reader = client('packed');
    await waitSynced(reader);

    const socket = new WebSocket(`${server.wsUrl}/packed`);
    const replies: Uint8Array[] = [];
    socket.on('message', (data: Buffer) => replies.push(new Uint8Array(data)));
    await new Promise((resolve) => socket.on('open', resolve));
    socket.send(encoding.toUint8Array(encoder));

    await waitForText(reader, 'packed');
    await vi.waitFor(() => {
      const names = [...reader.provider.awareness.getStates().values()].map((s) => s.name);
      expect(names).toContain('Packer');
    });
    // The server answered the packed SyncStep1 with a SyncStep2.
    await vi.waitFor(() => {
      const step2 = replies.some((r) => {
        const d = decoding.createDecoder(r);
        return decoding.readVarUint(d) === 0 && decoding.readVarUint(d) === 1;
      });
      expect(step2).toBe(true);
    });
    socket.close();
    awareness.destroy();
  });

  it('awareness reaches the other peers and is removed within 1 s of closing', async () => {
    const a = client('aware');
    const b = client('aware');
    await waitSynced(a, b);
    a.provider.awareness.setLocalStateField('name', 'Alice');
    await vi.waitFor(() => expect(b.provider.awareness.getStates().get(a.doc.clientID)?.name).toBe('Alice'));
    const closedAt = performance.now();
    a.provider.disconnect();
    await vi.waitFor(() => expect(b.provider.awareness.getStates().has(a.doc.clientID)).toBe(false), { timeout: 1_000, interval: 10 });
    expect(performance.now() - closedAt).toBeLessThan(1_000);
  });

  it('answers query-awareness with the current states', async () => {
    const a = client('query');
    await waitSynced(a);
    a.provider.awareness.setLocalStateField('name', 'Queried');
    const b = client('query');
    await waitSynced(b);
    await vi.waitFor(() => expect(b.provider.awareness.getStates().get(a.doc.clientID)?.name).toBe('Queried'));
  });

  it('seeds a new document with exactly one Lexical paragraph, once', async () => {
    const a = client('seeded');
    const b = client('seeded');
    await waitSynced(a, b);
    const root = a.doc.get('root', Y.XmlText) as Y.XmlText;
    expect(root.toDelta().length).toBe(1);
    expect(b.doc.get('root', Y.XmlText).toDelta().length).toBe(1);
  });
});
