// Room lifecycle: single-flight loads, unloading when idle, reconnects that race an unload.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectClient, waitForText, waitSynced, type TestClient } from '../test-support/clients';
import { startTestServer, type TestServer } from '../test-support/test-server';

let server: TestServer | undefined;
let clients: TestClient[] = [];

afterEach(async () => {
  for (const c of clients) c.destroy();
  clients = [];
  await server?.stop();
  server = undefined;
});

describe('rooms', () => {
  it('ten concurrent connects to a cold document load it once', async () => {
    server = await startTestServer({ IDLE_UNLOAD_MS: '200' });
    const s = server;
    // Store a document, then let it unload so the next connects find it cold.
    const writer = connectClient(s.wsUrl, 'cold');
    clients.push(writer);
    await waitSynced(writer);
    writer.text.insert(0, 'stored');
    await vi.waitFor(() => expect(s.ctx.committer.pending).toBe(0));
    await s.ctx.committer.drain();
    writer.destroy();
    clients = [];
    await vi.waitFor(() => expect(s.ctx.registry.peek('cold')).toBeUndefined(), { timeout: 40_000 });
    const loadsBefore = s.ctx.registry.loads;
    const ten = Array.from({ length: 10 }, () => connectClient(s.wsUrl, 'cold'));
    clients.push(...ten);
    await waitSynced(...ten);
    for (const c of ten) await waitForText(c, 'stored');
    expect(s.ctx.registry.loads - loadsBefore).toBe(1);
  });

  it('unloads an idle document and a reconnect during the unload gets the full content', async () => {
    server = await startTestServer({ IDLE_UNLOAD_MS: '0' });
    const s = server;
    let expected = '';
    for (let round = 0; round < 20; round++) {
      const c = connectClient(s.wsUrl, 'flappy');
      await waitSynced(c);
      await waitForText(c, expected);
      c.text.insert(c.text.length, `${round};`);
      expected = c.text.toString();
      // Wait until the edit is acknowledged as committed, then drop the only connection: the room unloads at once.
      await s.ctx.committer.drain();
      c.destroy();
      // Every other round, wait for the unload to finish; otherwise reconnect at once and race it.
      if (round % 2 === 0) await vi.waitFor(() => expect(s.ctx.registry.peek('flappy')).toBeUndefined());
    }
    const final = connectClient(s.wsUrl, 'flappy');
    clients.push(final);
    await waitSynced(final);
    await waitForText(final, expected);
    expect(s.ctx.registry.loads).toBeGreaterThan(1);
  });

  it('compacts a growing log without changing the content, and a cold load after it is identical', async () => {
    server = await startTestServer({ COMPACT_AFTER_UPDATES: '20', IDLE_UNLOAD_MS: '100' });
    const s = server;
    const writer = connectClient(s.wsUrl, 'compacted');
    clients.push(writer);
    await waitSynced(writer);
    for (let i = 0; i < 200; i++) {
      writer.text.insert(writer.text.length, `${i} `);
      if (i % 7 === 0) writer.text.delete(0, 1);
    }
    const expected = writer.text.toString();
    await vi.waitFor(() => expect(s.ctx.registry.peek('compacted')?.doc.getText('t').toString()).toBe(expected));
    await s.ctx.committer.drain();
    await vi.waitFor(async () => expect(await s.ctx.store.rowCount('compacted')).toBeLessThan(50));
    writer.destroy();
    clients = [];
    await vi.waitFor(() => expect(s.ctx.registry.peek('compacted')).toBeUndefined());
    expect(await s.ctx.store.rowCount('compacted')).toBe(1);
    const reader = connectClient(s.wsUrl, 'compacted');
    clients.push(reader);
    await waitSynced(reader);
    await waitForText(reader, expected);
    // The one stored row answered the reader before the server applied it; an edit now builds on all of it.
    reader.text.insert(reader.text.length, 'and more');
    const second = connectClient(s.wsUrl, 'compacted');
    clients.push(second);
    await waitSynced(second);
    await waitForText(second, `${expected}and more`);
  });
});
