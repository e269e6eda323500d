// Durability: content survives a graceful restart, and a SIGKILL loses nothing that any client had received.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectClient, waitForText, waitSynced, type TestClient } from '../test-support/clients';
import { spawnServer, type ServerProcess } from '../test-support/server-process';
import { SqliteStore } from '../storage/sqlite-store';
import { startTestServer } from '../test-support/test-server';

const dirs: string[] = [];
const processes: ServerProcess[] = [];
let clients: TestClient[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tandem-durability-'));
  dirs.push(dir);
  return dir;
};

afterEach(() => {
  for (const c of clients) c.destroy();
  clients = [];
  for (const p of processes.splice(0)) p.child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Starts a server on `dataDir`, types `text` into `doc` through a client, and stops the server keeping its data. */
async function writeThenStop(dataDir: string, doc: string, text: string): Promise<void> {
  const server = await startTestServer({ DATA_DIR: dataDir });
  const client = connectClient(server.wsUrl, doc);
  await waitSynced(client);
  client.text.insert(0, text);
  await vi.waitFor(() => expect(server.ctx.registry.peek(doc)?.doc.getText('t').toString()).toBe(text));
  client.destroy();
  await server.stop({ keepData: true });
}

describe('durability', () => {
  it('keeps content across a stop and start on the same DATA_DIR', async () => {
    const dataDir = tempDir();
    await writeThenStop(dataDir, 'restart', 'survives a restart');

    const second = await startTestServer({ DATA_DIR: dataDir });
    const b = connectClient(second.wsUrl, 'restart');
    clients.push(b);
    await waitSynced(b);
    await waitForText(b, 'survives a restart');
    await second.stop({ keepData: true });
  });

  it('opens a document whose log holds a row that does not apply, with everything else in it', async () => {
    const dataDir = tempDir();
    await writeThenStop(dataDir, 'bad-row', 'kept despite a bad row');
    // A truncated update: one client, one struct, then nothing. Yjs throws reading it.
    const store = new SqliteStore({ path: path.join(dataDir, 'tandem.db') });
    await store.appendBatch([{ doc: 'bad-row', update: new Uint8Array([1, 1, 5]) }]);
    await store.close();

    const second = await startTestServer({ DATA_DIR: dataDir });
    const b = connectClient(second.wsUrl, 'bad-row');
    clients.push(b);
    await waitSynced(b);
    await waitForText(b, 'kept despite a bad row');
    const errors = (await second.ctx.metrics.internalErrors.get()).values.find((v) => v.labels.where === 'load-update');
    expect(errors?.value).toBe(1);
    await second.stop({ keepData: true });
  });

  it('loses nothing a peer had received when the server is killed with SIGKILL mid-stream', async () => {
    const dataDir = tempDir();
    const server = await spawnServer({ DATA_DIR: dataDir });
    processes.push(server);
    const writer = connectClient(server.wsUrl, 'crash');
    const reader = connectClient(server.wsUrl, 'crash');
    clients.push(writer, reader);
    await waitSynced(writer, reader);
    let i = 0;
    const typing = setInterval(() => writer.text.insert(writer.text.length, `${i++}.`), 2);
    await vi.waitFor(() => expect(reader.text.length).toBeGreaterThan(400), { timeout: 20_000 });
    server.child.kill('SIGKILL');
    await server.exited;
    clearInterval(typing);
    const seen = reader.text.toString();
    writer.destroy();
    reader.destroy();
    clients = [];

    const restarted = await spawnServer({ DATA_DIR: dataDir });
    processes.push(restarted);
    const checker = connectClient(restarted.wsUrl, 'crash');
    clients.push(checker);
    await waitSynced(checker);
    const recovered = checker.text.toString();
    expect(recovered.length).toBeGreaterThanOrEqual(seen.length);
    expect(recovered.startsWith(seen)).toBe(true);
  }, 90_000);

  it('shuts down gracefully on SIGTERM: sockets closed with 1001, everything committed, exit 0', async () => {
    const dataDir = tempDir();
    const server = await spawnServer({ DATA_DIR: dataDir });
    processes.push(server);
    const writer = connectClient(server.wsUrl, 'graceful');
    clients.push(writer);
    await waitSynced(writer);
    const closeCodes: number[] = [];
    writer.provider.on('connection-close', (event: CloseEvent | null) => {
      if (event) closeCodes.push(event.code);
    });
    const reader = connectClient(server.wsUrl, 'graceful');
    clients.push(reader);
    await waitSynced(reader);
    writer.text.insert(0, 'committed before exit');
    await waitForText(reader, 'committed before exit');
    const stoppedAt = performance.now();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(performance.now() - stoppedAt).toBeLessThan(10_000);
    await vi.waitFor(() => expect(closeCodes).toContain(1001));
    for (const c of clients) c.destroy();
    clients = [];

    const restarted = await spawnServer({ DATA_DIR: dataDir });
    processes.push(restarted);
    const checker = connectClient(restarted.wsUrl, 'graceful');
    clients.push(checker);
    await waitSynced(checker);
    await waitForText(checker, 'committed before exit');
  }, 90_000);
});
