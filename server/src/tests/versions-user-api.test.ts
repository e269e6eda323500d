// The user API (/api/docs/<doc>/…) as the editor's menus call it: with AUTH_SECRET, tokens decide who may read
// and who may write, and versions record the token's name; without it, everyone may, named by choice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../auth/tokens';
import type { Role } from '../rooms/session';
import { startTestServer, type TestServer } from '../test-support/test-server';
import { expectError, importMarkdown } from './admin-test-helpers';

const AUTH_SECRET = 'user-api-test-secret-0123456789';

const token = (role: Role, doc = 'shared', extra: { name?: string; sub?: string } = {}) =>
  mintToken({ secret: AUTH_SECRET, sub: extra.sub ?? `${role}-id`, name: extra.name, doc, role, ttlSeconds: 3600 });

const bearer = async (role: Role, doc?: string, extra?: { name?: string; sub?: string }) => ({
  Authorization: `Bearer ${await token(role, doc, extra)}`,
});

describe('user API with AUTH_SECRET', () => {
  let server: TestServer;
  const api = (path: string, init?: RequestInit) => fetch(`${server.url}/api/docs/${path}`, init);

  beforeAll(async () => {
    server = await startTestServer({ AUTH_SECRET });
    await importMarkdown(server, 'shared', '# Shared\n\nnotes');
  });
  afterAll(async () => {
    await server.stop();
  });

  it('refuses a request without a token, or with a bad one, with 401', async () => {
    await expectError(await api('shared/snapshots'), 401, 'unauthorized');
    await expectError(await api('shared/snapshots', { headers: { Authorization: 'Bearer not-a-jwt' } }), 401, 'unauthorized');
    const forged = await mintToken({ secret: 'another-secret-0123456789', sub: 'x', doc: 'shared', role: 'editor', ttlSeconds: 60 });
    await expectError(await api(`shared/export?format=text&token=${forged}`), 401, 'unauthorized');
  });

  it('refuses a token for another document with 403', async () => {
    await expectError(await api('shared/snapshots', { headers: await bearer('editor', 'other') }), 403, 'forbidden');
  });

  it('lets a viewer list and export, but not create or restore (403)', async () => {
    const headers = await bearer('viewer');
    const list = await api('shared/snapshots', { headers });
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual(expect.any(Array));
    const exported = await api('shared/export?format=markdown', { headers });
    expect(await exported.text()).toBe('# Shared\n\nnotes\n');

    await expectError(await api('shared/snapshots', { method: 'POST', headers, body: '{"label":"mine"}' }), 403, 'forbidden');
    await expectError(await api('shared/snapshots/any/restore', { method: 'POST', headers }), 403, 'forbidden');
  });

  it('lets an editor create a version, recorded under the token name, and restore it', async () => {
    const headers = await bearer('editor', 'shared', { name: 'Alice' });
    const created = await api('shared/snapshots', { method: 'POST', headers, body: JSON.stringify({ label: 'Before lunch', name: 'Mallory' }) });
    expect(created.status).toBe(201);
    const version = (await created.json()) as { id: string; author: string; kind: string; label: string };
    expect(version).toMatchObject({ label: 'Before lunch', author: 'Alice', kind: 'manual' });

    const listed = (await (await api('shared/snapshots', { headers: await bearer('viewer') })).json()) as Array<{ id: string; author: string }>;
    expect(listed.find((v) => v.id === version.id)?.author).toBe('Alice');

    const preview = await api(`shared/snapshots/${version.id}/export?format=html`, { headers: await bearer('viewer') });
    expect(preview.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await preview.text()).toContain('Shared');

    await importMarkdown(server, 'shared', 'overwritten');
    const restored = await api(`shared/snapshots/${version.id}/restore`, { method: 'POST', headers });
    expect(restored.status).toBe(200);
    expect((await restored.json()) as object).toMatchObject({ previous: { kind: 'restore', author: 'Alice' } });
    const exported = await api('shared/export?format=markdown', { headers });
    expect(await exported.text()).toBe('# Shared\n\nnotes\n');
  });

  it('accepts the token as ?token= and falls back to the subject when it has no name', async () => {
    const editor = await token('editor', 'shar*', { sub: 'user-42' });
    const created = await api(`shared/snapshots?token=${editor}`, { method: 'POST' });
    expect(created.status).toBe(201);
    expect(((await created.json()) as { author: string }).author).toBe('user-42');
  });

  it('answers 404 for an unknown document to a token that may see it', async () => {
    await expectError(await api('nothing-here/snapshots', { headers: await bearer('viewer', '*') }), 404, 'not_found');
  });

  it('does not accept the admin token in place of a user token', async () => {
    const res = await api('shared/snapshots', { headers: { Authorization: `Bearer ${server.ctx.adminToken}` } });
    await expectError(res, 401, 'unauthorized');
  });
});

describe('user API without AUTH_SECRET', () => {
  let server: TestServer;
  const api = (path: string, init?: RequestInit) => fetch(`${server.url}/api/docs/${path}`, init);

  beforeAll(async () => {
    server = await startTestServer();
    await importMarkdown(server, 'open', 'anyone');
  });
  afterAll(async () => {
    await server.stop();
  });

  it('is open to all, recording "anonymous" or the name given', async () => {
    const anonymous = await api('open/snapshots', { method: 'POST' });
    expect(anonymous.status).toBe(201);
    expect(((await anonymous.json()) as { author: string }).author).toBe('anonymous');

    const named = await api('open/snapshots', { method: 'POST', body: JSON.stringify({ name: 'Bob', label: 'x' }) });
    expect(((await named.json()) as { author: string }).author).toBe('Bob');

    const byQuery = await api('open/snapshots?name=Carol', { method: 'POST' });
    expect(((await byQuery.json()) as { author: string }).author).toBe('Carol');

    expect(await (await api('open/export?format=text')).text()).toBe('anyone\n');
  });

  it('refuses an oversized JSON body with 413', async () => {
    const res = await api('open/snapshots', { method: 'POST', body: JSON.stringify({ label: 'x'.repeat(70_000) }) });
    await expectError(res, 413, 'too_large');
  });

  it('checks the document name and the format', async () => {
    await expectError(await api('bad%20name/snapshots'), 400, 'bad_request');
    await expectError(await api('open/export?format=docx'), 400, 'bad_request');
  });
});
