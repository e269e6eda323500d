// Room lifecycle: single-flight loads, unloading when idle, reconnects that race an unload.
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { TextWriter } from '../storage/storage.case';
import { SqliteStore } from '../storage/sqlite-store';
import { connectClient, waitForText, waitSynced, type TestClient } from '../test-support/clients';
import { startTestServer, type TestServer } from '../test-support/test-server';
import { joinedAttacker, updateFrame } from './hardening/attacker';

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
    // Built from the document in memory, not by merging the stored rows again.
    expect(await compactions(s, 'memory')).toBeGreaterThan(0);
    expect(await compactions(s, 'storage')).toBe(0);
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

  it('keeps what another process stored beside the server through compactions of the live document', async () => {
    server = await startTestServer({ COMPACT_AFTER_UPDATES: '20', IDLE_UNLOAD_MS: '100' });
    const s = server;
    const writer = connectClient(s.wsUrl, 'beside');
    clients.push(writer);
    await waitSynced(writer);
    writer.text.insert(0, 'server;');
    await s.ctx.committer.drain();
    // The admin CLI opening the database directly: the server's document in memory never sees this row.
    const cli = new SqliteStore({ path: path.join(s.dataDir, 'tandem.db') });
    await cli.appendBatch(new TextWriter().write('cli;').map((update) => ({ doc: 'beside', update })));
    await cli.close();
    // Hold the first compaction once it has read the log, as a busy machine does, until later edits are stored too.
    let release = (): void => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const load = s.ctx.store.load.bind(s.ctx.store);
    const compactionLoad = vi.spyOn(s.ctx.store, 'load').mockImplementationOnce(async (doc) => {
      const stored = await load(doc);
      await released;
      return stored;
    });
    for (let i = 0; i < 25; i++) writer.text.insert(writer.text.length, `${i} `);
    await vi.waitFor(() => expect(compactionLoad).toHaveBeenCalled());
    for (let i = 25; i < 60; i++) writer.text.insert(writer.text.length, `${i} `);
    await vi.waitFor(() => expect(s.ctx.registry.peek('beside')?.doc.getText('t').toString()).toContain('59 '));
    await s.ctx.committer.drain();
    release();
    await vi.waitFor(async () => expect(await s.ctx.store.rowCount('beside')).toBeLessThan(30));
    expect(await compactions(s, 'storage')).toBeGreaterThan(0);
    writer.destroy();
    clients = [];
    await vi.waitFor(() => expect(s.ctx.registry.peek('beside')).toBeUndefined());
    const reader = connectClient(s.wsUrl, 'beside');
    clients.push(reader);
    await waitSynced(reader);
    await vi.waitFor(() => expect(reader.text.toString()).toContain('59 '));
    expect(reader.text.toString()).toContain('cli;');
    expect(reader.text.toString()).toContain('server;');
  });
});

describe('compaction of a live document', () => {
  it('never stores what Yjs holds back from an update that arrives as the log is compacted', async () => {
    server = await startTestServer({ COMPACT_AFTER_UPDATES: '1' });
    const s = server;
    const writer = connectClient(s.wsUrl, 'held-back');
    clients.push(writer);
    await waitSynced(writer);
    writer.text.insert(0, 'known');
    await vi.waitFor(() => expect(s.ctx.registry.peek('held-back')?.doc.getText('t').toString()).toBe('known'));
    await s.ctx.committer.drain();
    // One frame: a keystroke that integrates, merged with characters that depend on one the server never got.
    const room = s.ctx.registry.peek('held-back')!;
    const typist = new Y.Doc();
    Y.applyUpdate(typist, Y.encodeStateAsUpdate(room.doc));
    const typed = updateOf(typist, () => typist.getText('t').insert(5, '!'));
    const orphan = new Y.Doc();
    orphan.getText('t').insert(0, 'never sent');
    const orphanFrom = Y.encodeStateVector(orphan);
    const orphaned = updateOf(orphan, () => orphan.getText('t').insert(0, 'held back'));
    expect(Y.encodeStateAsUpdate(orphan, orphanFrom)).toEqual(orphaned);
    const attacker = await joinedAttacker(s.wsUrl, 'held-back');
    attacker.send(updateFrame(Y.mergeUpdates([typed, orphaned])));
    expect(await attacker.roundTrip()).toBe('open');
    attacker.ws.terminate();
    await s.ctx.committer.drain();
    await vi.waitFor(() => expect(writer.text.toString()).toBe('known!'));
    await vi.waitFor(async () => expect(await s.ctx.store.rowCount('held-back')).toBe(1));
    const stored = new Y.Doc();
    for (const update of (await s.ctx.store.load('held-back'))!.updates) Y.applyUpdate(stored, update);
    expect(stored.getText('t').toString()).toBe('known!');
    // Stored, it would be held back again on every load and slow every later edit of the document.
    expect(stored.store.pendingStructs).toBeNull();
  });
});

/** The update `change` makes to `doc`. */
function updateOf(doc: Y.Doc, change: () => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const record = (update: Uint8Array) => updates.push(update);
  doc.on('update', record);
  change();
  doc.off('update', record);
  return Y.mergeUpdates(updates);
}

/** How many compactions the server has made from `source` (its tandem_compaction_seconds histogram). */
async function compactions(s: TestServer, source: 'memory' | 'storage'): Promise<number> {
  const metric = await s.ctx.metrics.compactionSeconds.get();
  return metric.values.find((v) => v.metricName === 'tandem_compaction_seconds_count' && v.labels.source === source)?.value ?? 0;
}
