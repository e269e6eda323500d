// A large import or restore goes into a live document in pieces, one event-loop turn each (DocumentService
// .replaceContent), after the old blocks, deleted a run at a time: clients see it arrive in several updates and end
// with all of it, and pieces still to come when the room unloads (nobody in it) go into the room loaded again.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { clientPool, waitSynced } from '../test-support/clients';
import { startTestServer, type TestServer } from '../test-support/test-server';
import { adminFetch, importMarkdown, markdownOf } from './admin-test-helpers';

/** Enough paragraphs (about 30,000 Yjs structs) for several pieces, and more blocks than one turn deletes. */
const LARGE = largeMarkdown('has **bold** and *italic* words.');
const LARGE_AGAIN = largeMarkdown('was *replaced* by a second import.');

function largeMarkdown(words: string): string {
  return Array.from({ length: 1_500 }, (_, i) => `Paragraph ${i} ${words}`).join('\n\n');
}

let server: TestServer;
const pool = clientPool(() => server.wsUrl);

beforeAll(async () => {
  // Rooms nobody is in unload almost at once, so one may unload between the pieces of an import.
  server = await startTestServer({ IDLE_UNLOAD_MS: '1' });
});
afterAll(async () => {
  pool.destroyAll();
  await server.stop();
});

async function exportedMarkdown(doc: string): Promise<string> {
  const res = await adminFetch(server, `/admin/docs/${doc}/export?format=markdown`);
  expect(res.status).toBe(200);
  return res.text();
}

describe('large imports', () => {
  it('reach the clients of a document in several updates, and every client ends with all of it', async () => {
    const a = pool.connect('large-live');
    const b = pool.connect('large-live');
    await waitSynced(a, b);
    let updatesSeen = 0;
    a.doc.on('update', () => updatesSeen++);

    await importMarkdown(server, 'large-live', LARGE);

    for (const c of [a, b]) await vi.waitFor(() => expect(markdownOf(c.doc)).toBe(LARGE), { timeout: 10_000 });
    expect(updatesSeen).toBeGreaterThan(2);
    expect(await exportedMarkdown('large-live')).toBe(`${LARGE}\n`);

    await importMarkdown(server, 'large-live', LARGE_AGAIN);
    for (const c of [a, b]) await vi.waitFor(() => expect(markdownOf(c.doc)).toBe(LARGE_AGAIN), { timeout: 10_000 });
    expect(await exportedMarkdown('large-live')).toBe(`${LARGE_AGAIN}\n`);
  });

  it('puts two imports into one document one after the other: it ends as one of them, whole', async () => {
    await importMarkdown(server, 'large-twice', LARGE);
    const third = largeMarkdown('came from a third import.');
    await Promise.all([importMarkdown(server, 'large-twice', LARGE_AGAIN), importMarkdown(server, 'large-twice', third)]);
    expect([`${LARGE_AGAIN}\n`, `${third}\n`]).toContain(await exportedMarkdown('large-twice'));
  });

  it('stores every piece of an import into a document nobody has open, though its room unloads meanwhile', async () => {
    await importMarkdown(server, 'large-alone', 'small');
    await importMarkdown(server, 'large-alone', LARGE);
    expect(await exportedMarkdown('large-alone')).toBe(`${LARGE}\n`);
    await importMarkdown(server, 'large-alone', LARGE_AGAIN);
    expect(await exportedMarkdown('large-alone')).toBe(`${LARGE_AGAIN}\n`);
    const c = pool.connect('large-alone');
    await waitSynced(c);
    expect(markdownOf(c.doc)).toBe(LARGE_AGAIN);
  });
});
