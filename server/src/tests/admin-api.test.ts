// The admin API against a real server: bearer-token gate, documents listed, exported in every format, imported into
// documents that stock y-websocket clients have open, deleted; errors in CONTRACT's JSON shape.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CloseCode } from '../../../shared/close-codes';
import { editorStateFromYjsUpdate } from '../../../shared/lexical/yjs-to-editor-state';
import { clientPool, waitSynced } from '../test-support/clients';
import { startTestServer, type TestServer } from '../test-support/test-server';
import { adminFetch, expectError, importMarkdown, markdownOf } from './admin-test-helpers';

const MAX_DOC_BYTES = 200_000;
const SAMPLE = '# Minutes\n\nWe agreed on **bold** plans.\n\n- first\n- second';

let server: TestServer;
const pool = clientPool(() => server.wsUrl);
const client = pool.connect;

beforeAll(async () => {
  server = await startTestServer({ MAX_DOC_BYTES: String(MAX_DOC_BYTES) });
});
afterAll(async () => {
  pool.destroyAll();
  await server.stop();
});

describe('admin API access', () => {
  it('refuses a request without a token with 401 and the JSON error shape', async () => {
    const res = await fetch(`${server.url}/admin/docs`);
    await expectError(res, 401, 'unauthorized');
  });

  it('refuses a wrong token, including one of a different length', async () => {
    for (const token of ['x', `${server.ctx.adminToken}x`, server.ctx.adminToken.replace(/.$/, (ch) => (ch === 'a' ? 'b' : 'a'))]) {
      const res = await fetch(`${server.url}/admin/docs`, { headers: { Authorization: `Bearer ${token}` } });
      await expectError(res, 401, 'unauthorized');
    }
  });

  it('refuses every admin route without a token, even for unknown documents', async () => {
    const res = await fetch(`${server.url}/admin/docs/nope/export?format=json`);
    await expectError(res, 401, 'unauthorized');
  });
});

describe('admin API documents', () => {
  it('exports a document in every format', async () => {
    await importMarkdown(server, 'formats', SAMPLE);

    const markdown = await adminFetch(server, '/admin/docs/formats/export?format=markdown');
    expect(markdown.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(await markdown.text()).toBe(`${SAMPLE}\n`);

    const json = await adminFetch(server, '/admin/docs/formats/export?format=json');
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    const state = (await json.json()) as { root: { children: Array<{ type: string }> } };
    expect(state.root.children.map((child) => child.type)).toEqual(['heading', 'paragraph', 'list']);

    const html = await adminFetch(server, '/admin/docs/formats/export?format=html');
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = await html.text();
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('<title>Minutes</title>'); // the first Heading 1, as the editor and the download name show it
    await importMarkdown(server, 'no-heading', 'Notes for *Tuesday*\n\nSecond line');
    const untitled = await (await adminFetch(server, '/admin/docs/no-heading/export?format=html')).text();
    expect(untitled).toContain('<title>Notes for Tuesday</title>'); // no heading: the first line, as the editor shows it
    expect(page).toMatch(/<h1[^>]*>.*Minutes.*<\/h1>/);
    expect(page).toContain('<strong');

    const text = await adminFetch(server, '/admin/docs/formats/export?format=text');
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const plain = await text.text();
    expect(plain).toContain('Minutes');
    expect(plain).toContain('We agreed on bold plans.');
    expect(plain).not.toContain('**');

    const yjs = await adminFetch(server, '/admin/docs/formats/export?format=yjs');
    expect(yjs.headers.get('content-type')).toBe('application/octet-stream');
    const update = new Uint8Array(await yjs.arrayBuffer());
    expect(editorStateFromYjsUpdate(update).root.children).toHaveLength(3);
  });

  it('names the file when asked to download', async () => {
    await importMarkdown(server, 'download.me', 'hello');
    const res = await adminFetch(server, '/admin/docs/download.me/export?format=markdown&download=1');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="download.me.md"');
    const plain = await adminFetch(server, '/admin/docs/download.me/export?format=markdown');
    expect(plain.headers.get('content-disposition')).toBeNull();
  });

  it('imports into a document two clients have open: both show it without reconnecting', async () => {
    const a = client('live-import');
    const b = client('live-import');
    await waitSynced(a, b);
    const sockets = [a.provider.ws, b.provider.ws];

    await importMarkdown(server, 'live-import', '## Imported\n\nfrom the *admin*');

    for (const c of [a, b]) {
      await vi.waitFor(() => expect(markdownOf(c.doc)).toBe('## Imported\n\nfrom the *admin*'));
    }
    expect([a.provider.ws, b.provider.ws]).toEqual(sockets);
    const listed = (await (await adminFetch(server, '/admin/docs')).json()) as Array<{ name: string; clients: number }>;
    expect(listed.find((d) => d.name === 'live-import')?.clients).toBe(2);
  });

  it('imports Lexical JSON and a binary Yjs state exported from another document', async () => {
    await importMarkdown(server, 'source', '> quoted wisdom');
    const json = await (await adminFetch(server, '/admin/docs/source/export?format=json')).text();
    const fromJson = await adminFetch(server, '/admin/docs/from-json/import?format=json', { method: 'PUT', body: json });
    expect(fromJson.status).toBe(200);
    expect(await (await adminFetch(server, '/admin/docs/from-json/export?format=markdown')).text()).toBe('> quoted wisdom\n');

    const yjs = new Uint8Array(await (await adminFetch(server, '/admin/docs/source/export?format=yjs')).arrayBuffer());
    const fromYjs = await adminFetch(server, '/admin/docs/from-yjs/import?format=yjs', {
      method: 'PUT',
      body: yjs,
      headers: { 'Content-Type': 'application/octet-stream' },
    });
    expect(fromYjs.status).toBe(200);
    const summary = (await fromYjs.json()) as { name: string; bytes: number };
    expect(summary.name).toBe('from-yjs');
    expect(summary.bytes).toBeGreaterThan(0);
    expect(await (await adminFetch(server, '/admin/docs/from-yjs/export?format=markdown')).text()).toBe('> quoted wisdom\n');
  });

  it('lists documents with their size, time and connections', async () => {
    await importMarkdown(server, 'listed', 'x');
    const res = await adminFetch(server, '/admin/docs');
    expect(res.status).toBe(200);
    const docs = (await res.json()) as Array<{ name: string; bytes: number; updatedAt: number; clients: number }>;
    const listed = docs.find((d) => d.name === 'listed');
    expect(listed).toEqual({ name: 'listed', bytes: expect.any(Number), updatedAt: expect.any(Number), clients: 0 });
    expect(listed!.bytes).toBeGreaterThan(0);
    expect(Math.abs(listed!.updatedAt - Date.now())).toBeLessThan(60_000);
  });

  it('deletes a document: its clients are closed with 4410 and it is gone', async () => {
    await importMarkdown(server, 'doomed', 'bye');
    const c = client('doomed');
    await waitSynced(c);
    const closed = new Promise<number>((resolve) => c.provider.ws!.addEventListener('close', (event) => resolve(event.code)));
    c.provider.shouldConnect = false;

    const res = await adminFetch(server, '/admin/docs/doomed', { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(await closed).toBe(CloseCode.DocumentDeleted);
    await expectError(await adminFetch(server, '/admin/docs/doomed/export?format=json'), 404, 'not_found');
    await expectError(await adminFetch(server, '/admin/docs/doomed', { method: 'DELETE' }), 404, 'not_found');
  });
});

describe('admin API deletion', () => {
  it('keeps a deleted document deleted when a client that was away at the time comes back with it; an import creates it anew', async () => {
    await importMarkdown(server, 'kept-deleted', 'secret plans');
    const away = client('kept-deleted');
    await waitSynced(away);
    away.provider.disconnect(); // offline while the admin deletes, with the document in memory
    const refusals: number[] = [];
    away.provider.on('connection-close', (event) => {
      if (event?.code === CloseCode.DocumentDeleted) refusals.push(event.code);
    });

    expect((await adminFetch(server, '/admin/docs/kept-deleted', { method: 'DELETE' })).status).toBe(200);
    away.provider.connect();

    // Refused before it can send the text back; nothing is created under the name.
    await vi.waitFor(() => expect(refusals).toEqual([CloseCode.DocumentDeleted]), { timeout: 10_000, interval: 20 });
    await expectError(await adminFetch(server, '/admin/docs/kept-deleted/export?format=markdown'), 404, 'not_found');
    const listed = (await (await adminFetch(server, '/admin/docs')).json()) as Array<{ name: string }>;
    expect(listed.map((doc) => doc.name)).not.toContain('kept-deleted');
    away.destroy();

    await importMarkdown(server, 'kept-deleted', 'a fresh start');
    const exported = await adminFetch(server, '/admin/docs/kept-deleted/export?format=markdown');
    expect(await exported.text()).toBe('a fresh start\n');
  });
});

describe('admin API errors', () => {
  it('answers 404 for an unknown document', async () => {
    for (const path of ['/export?format=markdown', '/snapshots', '/snapshots/abc/export?format=json']) {
      const message = await expectError(await adminFetch(server, `/admin/docs/unknown-doc${path}`), 404, 'not_found');
      expect(message).toContain('unknown-doc');
    }
    await expectError(await adminFetch(server, '/admin/docs/unknown-doc/snapshots', { method: 'POST' }), 404, 'not_found');
    await expectError(await adminFetch(server, '/admin/docs/unknown-doc/snapshots/abc/restore', { method: 'POST' }), 404, 'not_found');
  });

  it('sends a document link with a trailing slash to the document page, keeping its query', async () => {
    const res = await fetch(`${server.url}/d/meeting-notes/?name=Ann`, { redirect: 'manual', headers: { Accept: 'text/html' } });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/d/meeting-notes?name=Ann');
  });

  it('answers 405 with an Allow header for a method a route does not take, and 404 for a path no route has', async () => {
    const listPost = await adminFetch(server, '/admin/docs', { method: 'POST', body: '{}' });
    expect(listPost.headers.get('allow')).toBe('GET, HEAD');
    expect(await expectError(listPost, 405, 'method_not_allowed')).toContain('POST');

    const importGet = await adminFetch(server, '/admin/docs/any-doc/import?format=markdown');
    expect(importGet.headers.get('allow')).toBe('PUT');
    await expectError(importGet, 405, 'method_not_allowed');

    const docPatch = await adminFetch(server, '/admin/docs/any-doc', { method: 'PATCH' });
    expect(docPatch.headers.get('allow')).toBe('DELETE');
    await expectError(docPatch, 405, 'method_not_allowed');

    await expectError(await adminFetch(server, '/admin/nothing-here'), 404, 'not_found');
    await expectError(await adminFetch(server, '/admin/docs/a/b/c/d', { method: 'POST' }), 404, 'not_found');
    // Still behind the token: without it, the answer is 401 whatever the method.
    await expectError(await fetch(`${server.url}/admin/docs`, { method: 'POST' }), 401, 'unauthorized');
  });

  it('answers 404 for an unknown version of a known document', async () => {
    await importMarkdown(server, 'versioned', 'v');
    const message = await expectError(await adminFetch(server, '/admin/docs/versioned/snapshots/nope/export?format=json'), 404, 'not_found');
    expect(message).toContain('nope');
  });

  it('answers 400 for a bad document name', async () => {
    const message = await expectError(await adminFetch(server, '/admin/docs/.hidden/export?format=json'), 400, 'bad_request');
    expect(message).toContain('"."');
  });

  it('answers 400 naming the choices for a missing or unknown format', async () => {
    await importMarkdown(server, 'fmt', 'x');
    expect(await expectError(await adminFetch(server, '/admin/docs/fmt/export'), 400, 'bad_request')).toContain('markdown');
    expect(await expectError(await adminFetch(server, '/admin/docs/fmt/export?format=pdf'), 400, 'bad_request')).toContain('"pdf"');
    const html = await adminFetch(server, '/admin/docs/fmt/import?format=html', { method: 'PUT', body: '<p>x</p>' });
    expect(await expectError(html, 400, 'bad_request')).toContain('"html"');
  });

  it('answers 400 for a body that is not a document, and leaves the document as it was', async () => {
    await importMarkdown(server, 'intact', 'keep me');
    const bodies: Array<[string, BodyInit]> = [
      ['json', '{not json'],
      ['json', '{"root":{"type":"paragraph"}}'],
      ['json', JSON.stringify({ root: { type: 'root', children: [{ type: 'no-such-node', version: 1 }] } })],
      ['yjs', new Uint8Array([1, 2, 3, 250, 250])],
      ['markdown', new Uint8Array([0xff, 0xfe, 0x41])],
      // No body at all (curl without --data-binary): refused, where it used to empty the document.
      ['markdown', ''],
      ['yjs', new Uint8Array(0)],
    ];
    for (const [format, body] of bodies) {
      const res = await adminFetch(server, `/admin/docs/intact/import?format=${format}`, { method: 'PUT', body });
      await expectError(res, 400, 'bad_request');
    }
    expect(await (await adminFetch(server, '/admin/docs/intact/export?format=markdown')).text()).toBe('keep me\n');
  });

  it('answers 400 naming the depth and the limit for an import whose lists nest past it, and leaves the document', async () => {
    await importMarkdown(server, 'deep', 'keep me');
    // 400 levels, two spaces each: 160 kB, under this server's MAX_DOC_BYTES (5,000 levels took the import 94 s).
    const deepMarkdown = Array.from({ length: 400 }, (_, level) => `${'  '.repeat(level)}- item`).join('\n');
    const markdown = await adminFetch(server, '/admin/docs/deep/import?format=markdown', { method: 'PUT', body: deepMarkdown });
    expect(await expectError(markdown, 400, 'bad_request')).toBe(
      'the Markdown nests lists 400 levels deep (line 400); Tandem imports lists up to 32 levels deep',
    );
    let node = '{"type":"text","text":"x","detail":0,"format":0,"mode":"normal","style":"","version":1}';
    for (let level = 0; level < 400; level++) {
      node = `{"type":"list","listType":"bullet","start":1,"tag":"ul","children":[{"type":"listitem","value":1,"children":[${node}]}]}`;
    }
    const deepJson = `{"root":{"type":"root","children":[${node}]}}`;
    const json = await adminFetch(server, '/admin/docs/deep/import?format=json', { method: 'PUT', body: deepJson });
    expect(await expectError(json, 400, 'bad_request')).toMatch(/^the JSON nests lists 400 levels deep \(root\.children\[0\]/);
    expect(await (await adminFetch(server, '/admin/docs/deep/export?format=markdown')).text()).toBe('keep me\n');
  });

  it('does not create a document from a body it refuses', async () => {
    const res = await adminFetch(server, '/admin/docs/never-made/import?format=json', { method: 'PUT', body: '[]' });
    await expectError(res, 400, 'bad_request');
    await expectError(await adminFetch(server, '/admin/docs/never-made/export?format=json'), 404, 'not_found');
  });

  it('answers 413 for an import larger than MAX_DOC_BYTES', async () => {
    const res = await adminFetch(server, '/admin/docs/huge/import?format=markdown', { method: 'PUT', body: 'x'.repeat(MAX_DOC_BYTES + 1) });
    await expectError(res, 413, 'too_large');
  });

  it('answers 413 for an import whose document would outgrow MAX_DOC_BYTES, though its body is small', async () => {
    // One letter per paragraph: a 39 kB body, about 300 bytes a paragraph as Yjs structure.
    const manyParagraphs = 'a\n\n'.repeat(13_000);
    expect(manyParagraphs.length).toBeLessThan(MAX_DOC_BYTES);
    const res = await adminFetch(server, '/admin/docs/many-blocks/import?format=markdown', { method: 'PUT', body: manyParagraphs });
    expect(await expectError(res, 413, 'too_large')).toMatch(/MAX_DOC_BYTES/);
    await expectError(await adminFetch(server, '/admin/docs/many-blocks/export?format=json'), 404, 'not_found');
  });

  it('answers 413 for an import that fits alone but not beside the history it replaces, keeping the content', async () => {
    const third = 'b\n\n'.repeat(200); // about 60 kB of Yjs state: a third of the limit
    await importMarkdown(server, 'near-limit', third);
    const fits = (await (await adminFetch(server, '/admin/docs/near-limit/export?format=markdown')).text());
    let refused: Response | null = null;
    for (let attempt = 0; attempt < 10 && !refused; attempt++) {
      const res = await adminFetch(server, '/admin/docs/near-limit/import?format=markdown', { method: 'PUT', body: third });
      if (res.status !== 200) refused = res;
    }
    expect(refused, 'ten imports of a third of the limit never refused').not.toBeNull();
    await expectError(refused!, 413, 'too_large');
    expect(await (await adminFetch(server, '/admin/docs/near-limit/export?format=markdown')).text()).toBe(fits);
  });

  it('answers 400 for a snapshot body that is not a JSON object or has a bad label', async () => {
    await importMarkdown(server, 'labels', 'x');
    for (const body of ['[1]', '{"label": 5}', 'nope', '{"label": "two\\nlines"}', '{"label": "nul\\u0000"}']) {
      const res = await adminFetch(server, '/admin/docs/labels/snapshots', { method: 'POST', body });
      await expectError(res, 400, 'bad_request');
    }
  });
});
