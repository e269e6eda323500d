// Automatic versions against a real server with short timers: after an edit and a pause, during continuous
// editing, when a document unloads; never for untouched or unchanged documents, nor halfway through an import; old
// ones pruned.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { connectClient, waitSynced, type TestClient } from '../test-support/clients';
import { startTestServer, type TestServer } from '../test-support/test-server';
import { readReplacement } from '../../../shared/replacement-notice';
import { adminFetch, importMarkdown, markdownOf } from './admin-test-helpers';

interface Version {
  id: string;
  kind: string;
  author: string | null;
  label: string | null;
  createdAt: number;
}

let servers: TestServer[] = [];
let clients: TestClient[] = [];

afterEach(async () => {
  for (const c of clients) c.destroy();
  clients = [];
  for (const s of servers) await s.stop();
  servers = [];
});

async function start(env: Record<string, string>): Promise<TestServer> {
  const server = await startTestServer(env);
  servers.push(server);
  return server;
}

async function open(server: TestServer, doc: string): Promise<TestClient> {
  const c = connectClient(server.wsUrl, doc);
  clients.push(c);
  await waitSynced(c);
  return c;
}

async function autoVersions(server: TestServer, doc: string): Promise<Version[]> {
  const res = await adminFetch(server, `/admin/docs/${doc}/snapshots`);
  expect(res.status).toBe(200);
  return ((await res.json()) as Version[]).filter((v) => v.kind === 'auto');
}

/** The client-written text held by a stored version. */
async function versionText(server: TestServer, doc: string, id: string): Promise<string> {
  const res = await adminFetch(server, `/admin/docs/${doc}/snapshots/${id}/export?format=yjs`);
  const scratch = new Y.Doc();
  Y.applyUpdate(scratch, new Uint8Array(await res.arrayBuffer()));
  return scratch.getText('t').toString();
}

describe('automatic versions', () => {
  it('stores one after a document was edited and then left idle', async () => {
    const server = await start({ AUTO_VERSION_IDLE_MS: '200' });
    const c = await open(server, 'idle');
    c.text.insert(0, 'typed');
    await vi.waitFor(async () => expect(await autoVersions(server, 'idle')).toHaveLength(1), { timeout: 5_000, interval: 50 });
    const [version] = await autoVersions(server, 'idle');
    expect(version).toMatchObject({ kind: 'auto', author: null, label: null });
    expect(await versionText(server, 'idle', version!.id)).toBe('typed');
  });

  it("tells open editors a restored automatic version's time, for them to name it in their own time zone", async () => {
    const server = await start({ AUTO_VERSION_IDLE_MS: '200' });
    await importMarkdown(server, 'named-by-time', 'imported');
    const c = await open(server, 'named-by-time');
    await vi.waitFor(async () => expect(await autoVersions(server, 'named-by-time')).toHaveLength(1), { timeout: 5_000, interval: 50 });
    const [version] = await autoVersions(server, 'named-by-time');
    await importMarkdown(server, 'named-by-time', 'replaced');
    const res = await adminFetch(server, `/admin/docs/named-by-time/snapshots/${version!.id}/restore`, { method: 'POST' });
    expect(res.status).toBe(200);
    await vi.waitFor(() => expect(markdownOf(c.doc)).toBe('imported'));
    expect(readReplacement(c.doc)).toMatchObject({ kind: 'restore', versionAt: version!.createdAt, version: expect.stringMatching(/ UTC$/) });
  });

  it('stores them during continuous editing, every interval', async () => {
    const server = await start({ AUTO_VERSION_IDLE_MS: '60000', AUTO_VERSION_INTERVAL_MS: '300' });
    const c = await open(server, 'busy');
    // Each poll types a little more, so the document never goes idle while we wait.
    await vi.waitFor(
      async () => {
        c.text.insert(c.text.length, '.');
        expect(await autoVersions(server, 'busy')).not.toHaveLength(0);
      },
      { timeout: 5_000, interval: 30 },
    );
  });

  it('stores the pending one when the document unloads, and none for a document only opened', async () => {
    const server = await start({ AUTO_VERSION_IDLE_MS: '60000', IDLE_UNLOAD_MS: '50' });
    const edited = await open(server, 'unloading');
    const untouched = await open(server, 'untouched');
    edited.text.insert(0, 'last words');
    await vi.waitFor(() => expect(server.ctx.registry.peek('unloading')?.hasUncommitted).toBe(false));
    edited.destroy();
    untouched.destroy();
    await vi.waitFor(() => {
      expect(server.ctx.registry.peek('unloading')).toBeUndefined();
      expect(server.ctx.registry.peek('untouched')).toBeUndefined();
    });
    const [version] = await autoVersions(server, 'unloading');
    expect(await versionText(server, 'unloading', version!.id)).toBe('last words');
    expect(await autoVersions(server, 'unloading')).toHaveLength(1);
    expect(await autoVersions(server, 'untouched')).toEqual([]);
  });

  it('skips a state that is already the newest version', async () => {
    const server = await start({ AUTO_VERSION_IDLE_MS: '60000', IDLE_UNLOAD_MS: '50' });
    const c = await open(server, 'unchanged');
    c.text.insert(0, 'saved by hand');
    await vi.waitFor(() => expect(server.ctx.registry.peek('unchanged')?.hasUncommitted).toBe(false));
    const res = await adminFetch(server, '/admin/docs/unchanged/snapshots', { method: 'POST', body: '{"label":"mine"}' });
    expect(res.status).toBe(201);
    c.destroy();
    await vi.waitFor(() => expect(server.ctx.registry.peek('unchanged')).toBeUndefined());
    expect(await autoVersions(server, 'unchanged')).toEqual([]);
  });

  it('stores one after deletions alone since the newest version, which leave the state vector as it was', async () => {
    const server = await start({ AUTO_VERSION_IDLE_MS: '60000', IDLE_UNLOAD_MS: '50' });
    const c = await open(server, 'deleted-since');
    c.text.insert(0, 'keep this, drop that');
    await vi.waitFor(() => expect(server.ctx.registry.peek('deleted-since')?.hasUncommitted).toBe(false));
    const res = await adminFetch(server, '/admin/docs/deleted-since/snapshots', { method: 'POST', body: '{"label":"before"}' });
    expect(res.status).toBe(201);
    c.text.delete('keep this'.length, ', drop that'.length);
    await vi.waitFor(() => expect(server.ctx.registry.peek('deleted-since')?.doc.getText('t').toString()).toBe('keep this'));
    c.destroy();
    await vi.waitFor(() => expect(server.ctx.registry.peek('deleted-since')).toBeUndefined());
    const [version] = await autoVersions(server, 'deleted-since');
    expect(version).toBeDefined();
    expect(await versionText(server, 'deleted-since', version!.id)).toBe('keep this');
  });

  it('waits while an import puts its content in place, so no version holds half of it', async () => {
    const server = await start({ AUTO_VERSION_IDLE_MS: '1', AUTO_VERSION_INTERVAL_MS: '1' });
    const large = Array.from({ length: 1_500 }, (_, i) => `Paragraph ${i} has **bold** words.`).join('\n\n');
    const put = (body: string) => adminFetch(server, '/admin/docs/whole/import?format=markdown', { method: 'PUT', body });
    expect((await put('small')).status).toBe(200);
    const c = await open(server, 'whole');
    expect((await put(large)).status).toBe(200);
    const markdownOf = async (id: string) =>
      (await adminFetch(server, `/admin/docs/whole/snapshots/${id}/export?format=markdown`)).text();
    await vi.waitFor(async () => {
      const versions = await autoVersions(server, 'whole');
      expect(await Promise.all(versions.map((v) => markdownOf(v.id)))).toContain(`${large}\n`);
    }, { timeout: 10_000, interval: 200 });
    for (const version of await autoVersions(server, 'whole')) expect(['small\n', `${large}\n`]).toContain(await markdownOf(version.id));
    c.destroy();
  });

  it('keeps only the newest AUTO_VERSION_KEEP of them', async () => {
    const server = await start({ AUTO_VERSION_IDLE_MS: '100', AUTO_VERSION_KEEP: '2' });
    const c = await open(server, 'pruned');
    for (const word of ['one', 'two', 'three']) {
      c.text.insert(c.text.length, word);
      const expected = c.text.toString();
      await vi.waitFor(
        async () => {
          const [newest] = await autoVersions(server, 'pruned');
          expect(newest && (await versionText(server, 'pruned', newest.id))).toBe(expected);
        },
        { timeout: 5_000, interval: 50 },
      );
    }
    const kept = await autoVersions(server, 'pruned');
    expect(kept).toHaveLength(2);
    expect(await versionText(server, 'pruned', kept[1]!.id)).toBe('onetwo');
  });
});
