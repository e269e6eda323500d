// Named versions through the admin API: create, list, export, and restore as a forward edit that open editors
// follow, keeping the replaced state as a 'restore' version.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { connectClient, waitSynced, type TestClient } from '../test-support/clients';
import { startTestServer, type TestServer } from '../test-support/test-server';
import { adminFetch, expectError, importMarkdown, markdownOf } from './admin-test-helpers';

interface Version {
  id: string;
  label: string | null;
  createdAt: number;
  bytes: number;
  author: string | null;
  kind: string;
}

let server: TestServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.stop();
});

async function createVersion(doc: string, label?: string): Promise<Version> {
  const res = await adminFetch(server, `/admin/docs/${doc}/snapshots`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(label === undefined ? {} : { label }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as Version;
}

async function listVersions(doc: string): Promise<Version[]> {
  const res = await adminFetch(server, `/admin/docs/${doc}/snapshots`);
  expect(res.status).toBe(200);
  return (await res.json()) as Version[];
}

async function exportMarkdown(path: string): Promise<string> {
  const res = await adminFetch(server, `${path}/export?format=markdown`);
  expect(res.status).toBe(200);
  return res.text();
}

describe('versions', () => {
  it('stores a named version of the current state, authored by admin', async () => {
    await importMarkdown(server, 'named', 'first draft');
    const before = Date.now();
    const version = await createVersion('named', 'Draft 1');
    expect(version).toEqual({ id: expect.any(String), label: 'Draft 1', createdAt: expect.any(Number), bytes: expect.any(Number), author: 'admin', kind: 'manual' });
    expect(version.createdAt).toBeGreaterThanOrEqual(before - 1000);
    expect(version.bytes).toBeGreaterThan(0);

    await importMarkdown(server, 'named', 'second draft');
    const unlabeled = await createVersion('named');
    expect(unlabeled.label).toBeNull();

    const listed = await listVersions('named');
    // Newest first; between the two, the import kept what it replaced.
    expect(listed.map((v) => v.id)).toEqual([unlabeled.id, expect.any(String), version.id]);
    expect(listed[1]).toMatchObject({ label: 'Before import', kind: 'restore' });
    expect(await exportMarkdown(`/admin/docs/named/snapshots/${version.id}`)).toBe('first draft\n');
    expect(await exportMarkdown(`/admin/docs/named/snapshots/${unlabeled.id}`)).toBe('second draft\n');
    expect(await exportMarkdown('/admin/docs/named')).toBe('second draft\n');
  });

  it('keeps the content an import replaces as a version, and makes none for a new document or a refused body', async () => {
    await importMarkdown(server, 'reimported', 'the original text');
    expect(await listVersions('reimported')).toEqual([]);
    await importMarkdown(server, 'reimported', 'the replacement');
    const [before, ...others] = await listVersions('reimported');
    expect(others).toEqual([]);
    expect(before).toMatchObject({ label: 'Before import', kind: 'restore', author: null });
    expect(await exportMarkdown(`/admin/docs/reimported/snapshots/${before!.id}`)).toBe('the original text\n');
    expect(await exportMarkdown('/admin/docs/reimported')).toBe('the replacement\n');

    const refused = await adminFetch(server, '/admin/docs/reimported/import?format=json', { method: 'PUT', body: '{not json' });
    expect(refused.status).toBe(400);
    expect(await listVersions('reimported')).toHaveLength(1);
  });

  it('restores a version as a forward edit: open editors follow and the replaced state is kept', async () => {
    await importMarkdown(server, 'restore-me', '# Plan\n\nthe good version');
    const good = await createVersion('restore-me', 'Good');
    const a = connectClient(server.wsUrl, 'restore-me');
    const b = connectClient(server.wsUrl, 'restore-me');
    clients.push(a, b);
    await waitSynced(a, b);
    await importMarkdown(server, 'restore-me', 'a bad edit');
    await vi.waitFor(() => expect(markdownOf(a.doc)).toBe('a bad edit'));

    const res = await adminFetch(server, `/admin/docs/restore-me/snapshots/${good.id}/restore`, { method: 'POST' });
    expect(res.status).toBe(200);
    const result = (await res.json()) as { restored: Version; previous: Version };
    expect(result.restored.id).toBe(good.id);
    expect(result.previous).toMatchObject({ kind: 'restore', label: 'Before restoring Good', author: 'admin' });

    for (const c of [a, b]) await vi.waitFor(() => expect(markdownOf(c.doc)).toBe('# Plan\n\nthe good version'));
    expect(await exportMarkdown('/admin/docs/restore-me')).toBe('# Plan\n\nthe good version\n');

    const listed = await listVersions('restore-me');
    expect(listed[0]).toMatchObject({ id: result.previous.id, kind: 'restore' });
    expect(listed.map((v) => v.id)).toContain(good.id);
    expect(await exportMarkdown(`/admin/docs/restore-me/snapshots/${result.previous.id}`)).toBe('a bad edit\n');
  });

  it('keeps edits made against the content a restore replaces in a version of their own, which restores too', async () => {
    await importMarkdown(server, 'crossing', '# Plan\n\nold words');
    const v1 = await createVersion('crossing', 'V1');
    await importMarkdown(server, 'crossing', '# Plan\n\nnewer words');
    const a = connectClient(server.wsUrl, 'crossing');
    clients.push(a);
    await waitSynced(a);
    await vi.waitFor(() => expect(markdownOf(a.doc)).toBe('# Plan\n\nnewer words'));
    // A types while the restore is on its way to it: the edit reaches the server after the restore, made against
    // a paragraph the restore deleted, so the live document cannot show it.
    a.provider.disconnect();
    const paragraph = a.doc.get('root', Y.XmlText).toDelta()[1].insert as Y.XmlText;
    paragraph.insert(paragraph.length, ' typed meanwhile');
    const res = await adminFetch(server, `/admin/docs/crossing/snapshots/${v1.id}/restore`, { method: 'POST' });
    expect(res.status).toBe(200);
    a.provider.connect();
    await vi.waitFor(() => expect(markdownOf(a.doc)).toBe('# Plan\n\nold words'));
    // Typed into the restored content before the crossing edits are stored: the copy holds this edit back (it needs
    // blocks the copy lacks), so the version is stored with structs Yjs keeps pending.
    const restored = a.doc.get('root', Y.XmlText).toDelta()[1].insert as Y.XmlText;
    restored.insert(restored.length, ' then more');
    await vi.waitFor(() => expect(markdownOf(a.doc)).toBe('# Plan\n\nold words then more'));

    const crossing = await vi.waitFor(async () => {
      const found = (await listVersions('crossing')).find((v) => v.label === 'Edits made during the restore of V1');
      if (!found) throw new Error('no version with the crossing edits yet');
      return found;
    }, { timeout: 10_000, interval: 200 });
    expect(crossing.kind).toBe('restore');
    expect(await exportMarkdown(`/admin/docs/crossing/snapshots/${crossing.id}`)).toBe('# Plan\n\nnewer words typed meanwhile\n');
    await vi.waitFor(async () => expect(await exportMarkdown('/admin/docs/crossing')).toBe('# Plan\n\nold words then more\n'));

    // That version restores like any other, what it holds back and all.
    const again = await adminFetch(server, `/admin/docs/crossing/snapshots/${crossing.id}/restore`, { method: 'POST' });
    expect(again.status).toBe(200);
    await vi.waitFor(() => expect(markdownOf(a.doc)).toBe('# Plan\n\nnewer words typed meanwhile'));
  });

  it('names the restore version by time when the restored version has no label', async () => {
    await importMarkdown(server, 'unlabeled', 'one');
    const version = await createVersion('unlabeled');
    await importMarkdown(server, 'unlabeled', 'two');
    const res = await adminFetch(server, `/admin/docs/unlabeled/snapshots/${version.id}/restore`, { method: 'POST' });
    const { previous } = (await res.json()) as { previous: Version };
    expect(previous.label).toMatch(/^Before restoring \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
  });

  it('exports a version in every format', async () => {
    await importMarkdown(server, 'version-formats', '**bold** words');
    const version = await createVersion('version-formats', 'v');
    const base = `/admin/docs/version-formats/snapshots/${version.id}/export?format=`;
    const expected: Record<string, RegExp> = {
      markdown: /^\*\*bold\*\* words\n$/,
      text: /^bold words\n$/,
      html: /<strong[^>]*>bold<\/strong>/,
      json: /"type":"root"/,
    };
    for (const [format, pattern] of Object.entries(expected)) {
      expect(await (await adminFetch(server, `${base}${format}`)).text()).toMatch(pattern);
    }
    const yjs = await adminFetch(server, `${base}yjs&download=1`);
    expect(yjs.headers.get('content-type')).toBe('application/octet-stream');
    expect(yjs.headers.get('content-disposition')).toBe(`attachment; filename="version-formats-${version.id}.yjs"`);
    expect((await yjs.arrayBuffer()).byteLength).toBe(version.bytes);
  });

  it('refuses to restore an unknown version', async () => {
    await importMarkdown(server, 'no-such-version', 'x');
    await expectError(await adminFetch(server, '/admin/docs/no-such-version/snapshots/missing/restore', { method: 'POST' }), 404, 'not_found');
    expect(await listVersions('no-such-version')).toEqual([]);
  });
});
