// Several instances sharing Redis and PostgreSQL behave as one server: clients on different instances converge,
// see each other's presence, and an instance that loads a document late catches up on content and presence.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CloseCode } from '../../../../shared/close-codes';
import { connectClient, waitSynced, type TestClient } from '../../test-support/clients';
import { createCluster, EVENTUALLY, SPAWNING_TEST_TIMEOUT_MS, type ScaleOutCluster } from '../../test-support/scale-out-cluster';
import type { ServerProcess } from '../../test-support/server-process';
import { findTestService } from '../../test-support/services';
import { markdownOf } from '../admin-test-helpers';

const ADMIN_TOKEN = `scale-out-admin-${randomUUID()}`;
const postgres = findTestService('TEST_DATABASE_URL');
const redis = findTestService('TEST_REDIS_URL');

describe.skipIf(postgres.url === null || redis.url === null)(redis.title(postgres.title('scale-out convergence')), () => {
  let cluster: ScaleOutCluster;
  let a: ServerProcess;
  let b: ServerProcess;
  let clients: TestClient[] = [];
  const connect = (instance: ServerProcess, doc: string, name?: string) => {
    const client = connectClient(instance.wsUrl, doc);
    if (name) client.provider.awareness.setLocalStateField('user', { name });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    cluster = createCluster({ databaseUrl: postgres.requireUrl(), redisUrl: redis.requireUrl() });
    [a, b] = await Promise.all([cluster.start({ env: { ADMIN_TOKEN } }), cluster.start({ env: { ADMIN_TOKEN } })]);
  }, SPAWNING_TEST_TIMEOUT_MS);
  afterEach(() => {
    for (const client of clients) client.destroy();
    clients = [];
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('converges clients on two instances that edit the same document at the same time', async () => {
    const doc = uniqueDoc('two');
    const writers = [connect(a, doc), connect(a, doc), connect(b, doc), connect(b, doc)];
    await waitSynced(...writers);
    for (let round = 0; round < 25; round++) {
      writers.forEach((writer, w) => writer.text.insert(round % 2 === 0 ? 0 : writer.text.length, `[${w}:${round}]`));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await waitConverged(writers);
    const text = writers[0]!.text.toString();
    for (let w = 0; w < writers.length; w++) for (let round = 0; round < 25; round++) expect(text).toContain(`[${w}:${round}]`);
  });

  it('shows a presence set on one instance to clients on another, and removes it when its owner leaves', async () => {
    const doc = uniqueDoc('presence');
    const ann = connect(a, doc, 'Ann');
    const ben = connect(b, doc, 'Ben');
    await waitSynced(ann, ben);
    await vi.waitFor(() => expect(peerNames(ben)).toEqual(['Ann']), EVENTUALLY);
    await vi.waitFor(() => expect(peerNames(ann)).toEqual(['Ben']), EVENTUALLY);

    const benCloses: unknown[] = [];
    ben.provider.on('connection-close', (event) => benCloses.push(event?.code));
    // Stock providers send every state they receive back to their server: a relay, which must not count as forgery.
    for (let at = 0; at < 6; at++) {
      ann.provider.awareness.setLocalStateField('cursor', { at });
      await vi.waitFor(() => expect(peerStates(ben)[0]).toMatchObject({ user: { name: 'Ann' }, cursor: { at } }), EVENTUALLY);
    }
    expect(benCloses).toEqual([]);

    ann.destroy();
    await vi.waitFor(() => expect(peerNames(ben)).toEqual([]), EVENTUALLY);
  });

  it('gives a late joiner on a third instance the whole document and everyone present', { timeout: SPAWNING_TEST_TIMEOUT_MS }, async () => {
    const doc = uniqueDoc('late');
    const ann = connect(a, doc, 'Ann');
    const ben = connect(b, doc, 'Ben');
    await waitSynced(ann, ben);
    ann.text.insert(0, 'written on A. ');
    ben.text.insert(0, 'written on B. ');
    await waitConverged([ann, ben]);

    const c = await cluster.start();
    const cat = connect(c, doc, 'Cat');
    await waitSynced(cat);
    await waitConverged([ann, ben, cat]);
    expect(cat.text.toString()).toContain('written on A. ');
    expect(cat.text.toString()).toContain('written on B. ');
    // Nobody on A or B changed their presence since C loaded the document: C must have asked for it.
    await vi.waitFor(() => expect(peerNames(cat)).toEqual(['Ann', 'Ben']), EVENTUALLY);
    await vi.waitFor(() => expect(peerNames(ann)).toEqual(['Ben', 'Cat']), EVENTUALLY);

    cat.text.insert(cat.text.length, 'and on C.');
    await waitConverged([ann, ben, cat]);
  });

  it('puts imports into one document through two instances one after the other: it ends as one of them, whole, everywhere', async () => {
    const doc = uniqueDoc('imports');
    const onA = connect(a, doc);
    const onB = connect(b, doc);
    await waitSynced(onA, onB);
    // Large enough to go in over several event-loop turns (see DocumentService.replaceContent), where two at once interleave.
    const [throughA, throughB] = ['came through instance A.', 'came through instance B.'].map((words) =>
      Array.from({ length: 1_500 }, (_, i) => `Paragraph ${i} ${words}`).join('\n\n'),
    );
    await Promise.all([importMarkdown(a, doc, throughA!), importMarkdown(b, doc, throughB!)]);

    const stored = markdownOf(await cluster.loadStored(doc));
    expect([throughA, throughB]).toContain(stored);
    for (const client of [onA, onB]) await vi.waitFor(() => expect(markdownOf(client.doc)).toBe(stored), EVENTUALLY);
  });

  it('closes a document deleted through one instance on every instance, and keeps it deleted when their clients come back', async () => {
    const doc = uniqueDoc('deleted');
    const ann = connect(a, doc);
    const ben = connect(b, doc);
    await waitSynced(ann, ben);
    ann.text.insert(0, 'secret plans');
    await waitConverged([ann, ben]);
    const refusals = (client: TestClient) => {
      const codes: number[] = [];
      client.provider.on('connection-close', (event) => {
        if (event?.code === CloseCode.DocumentDeleted) codes.push(event.code);
      });
      return codes;
    };
    const annRefusals = refusals(ann);
    const benRefusals = refusals(ben);

    const res = await fetch(`${a.url}/admin/docs/${doc}`, { method: 'DELETE', headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(res.status).toBe(200);

    await vi.waitFor(() => expect([annRefusals.length, benRefusals.length]).toEqual([1, 1]), EVENTUALLY);
    // A client that comes back with the document (a stock client stops after 4410; this one is told to go on) is
    // refused again by either instance, before it can send the text back.
    ann.provider.connect();
    ben.provider.connect();
    await vi.waitFor(() => expect([annRefusals.length, benRefusals.length]).toEqual([2, 2]), EVENTUALLY);
    expect((await cluster.loadStored(doc)).getText('t').toString()).toBe('');
    for (const instance of [a, b]) {
      const exported = await fetch(`${instance.url}/admin/docs/${doc}/export?format=text`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(exported.status).toBe(404);
    }
  });
});

async function importMarkdown(instance: ServerProcess, doc: string, markdown: string): Promise<void> {
  const res = await fetch(`${instance.url}/admin/docs/${doc}/import?format=markdown`, {
    method: 'PUT',
    body: markdown,
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

function uniqueDoc(label: string): string {
  return `scale-${label}-${randomUUID().slice(0, 8)}`;
}

async function waitConverged(clients: TestClient[]): Promise<void> {
  await vi.waitFor(() => {
    const texts = clients.map((client) => client.text.toString());
    expect(new Set(texts).size, `texts differ: ${JSON.stringify(texts)}`).toBe(1);
  }, { timeout: 10_000, interval: 20 });
}

function peerStates(client: TestClient): Array<Record<string, unknown>> {
  return [...client.provider.awareness.getStates()]
    .filter(([id]) => id !== client.doc.clientID)
    .map(([, state]) => state);
}

function peerNames(client: TestClient): string[] {
  return peerStates(client)
    .map((state) => (state.user as { name?: string } | undefined)?.name)
    .filter((name): name is string => typeof name === 'string')
    .sort();
}
