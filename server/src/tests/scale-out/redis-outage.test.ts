// Instances cut off from Redis keep serving their own clients and report it on /readyz; when Redis is back they
// reconcile through their rooms' catch-up, content and presence alike, and nothing written meanwhile is lost.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectClient, waitForText, waitSynced, type TestClient } from '../../test-support/clients';
import { createCluster, EVENTUALLY, SPAWNING_TEST_TIMEOUT_MS, waitReady, type ScaleOutCluster } from '../../test-support/scale-out-cluster';
import { findTestService } from '../../test-support/services';
import { TcpRelay } from '../../test-support/tcp-relay';

const postgres = findTestService('TEST_DATABASE_URL');
const redis = findTestService('TEST_REDIS_URL');

describe.skipIf(postgres.url === null || redis.url === null)(redis.title(postgres.title('scale-out Redis outage')), () => {
  let cluster: ScaleOutCluster;
  let relay: TcpRelay;
  let clients: TestClient[] = [];
  const track = (client: TestClient) => {
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    cluster = createCluster({ databaseUrl: postgres.requireUrl(), redisUrl: redis.requireUrl() });
    relay = await TcpRelay.forUrl(redis.requireUrl());
  });
  afterEach(() => {
    for (const client of clients) client.destroy();
    clients = [];
  });
  afterAll(async () => {
    await cluster?.stop();
    await relay?.close();
  });

  it('serves each side on its own during an outage and converges with nothing lost once Redis is back', { timeout: SPAWNING_TEST_TIMEOUT_MS }, async () => {
    const doc = `scale-outage-${randomUUID().slice(0, 8)}`;
    const redisThroughRelay = relay.relayedUrl(redis.requireUrl());
    const [a, b] = await Promise.all([cluster.start({ redisUrl: redisThroughRelay }), cluster.start({ redisUrl: redisThroughRelay })]);
    const [a1, a2] = [track(connectClient(a.wsUrl, doc)), track(connectClient(a.wsUrl, doc))];
    const [b1, b2] = [track(connectClient(b.wsUrl, doc)), track(connectClient(b.wsUrl, doc))];
    const everyone = [a1, a2, b1, b2];
    const annOn = (client: TestClient) => client.provider.awareness.getStates().get(a1.doc.clientID);
    await waitSynced(...everyone);
    a1.provider.awareness.setLocalStateField('user', { name: 'Ann' });
    a1.text.insert(0, 'before. ');
    for (const client of everyone) await waitForText(client, 'before. ', EVENTUALLY.timeout);
    await vi.waitFor(() => expect(annOn(b1)).toMatchObject({ user: { name: 'Ann' } }), EVENTUALLY);

    relay.cut();
    await Promise.all([waitReady(a, 503), waitReady(b, 503)]);
    a1.text.insert(a1.text.length, 'from A. ');
    b1.text.insert(b1.text.length, 'from B. ');
    a1.provider.awareness.setLocalStateField('user', { name: 'Ann', during: 'outage' });
    // Each side's clients still converge with each other, through their own instance.
    await waitForText(a2, 'before. from A. ');
    await waitForText(b2, 'before. from B. ');

    relay.restore();
    await Promise.all([waitReady(a, 200), waitReady(b, 200)]);
    await vi.waitFor(() => {
      const texts = everyone.map((client) => client.text.toString());
      expect(new Set(texts).size, JSON.stringify(texts)).toBe(1);
    }, EVENTUALLY);
    const merged = a1.text.toString();
    expect(merged).toContain('from A. ');
    expect(merged).toContain('from B. ');
    // The presence change nobody on B heard during the outage arrives with the reconciliation.
    await vi.waitFor(() => expect(annOn(b2)).toMatchObject({ user: { name: 'Ann', during: 'outage' } }), EVENTUALLY);

    // Both sides' outage edits were committed by the instance that took them, even with both killed now.
    for (const instance of [a, b]) {
      instance.child.kill('SIGKILL');
      await instance.exited;
    }
    expect((await cluster.loadStored(doc)).getText('t').toString()).toBe(merged);
  });
});
