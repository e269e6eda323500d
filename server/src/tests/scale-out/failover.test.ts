// An instance killed with SIGKILL mid-edit: its clients move to another instance (through a relay that plays the
// load balancer), keep their presence, and nothing any client saw is lost, even after the second instance dies too.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectClient, waitSynced, type TestClient } from '../../test-support/clients';
import { createCluster, EVENTUALLY, SPAWNING_TEST_TIMEOUT_MS, type ScaleOutCluster } from '../../test-support/scale-out-cluster';
import { findTestService } from '../../test-support/services';
import { TcpRelay } from '../../test-support/tcp-relay';

const postgres = findTestService('TEST_DATABASE_URL');
const redis = findTestService('TEST_REDIS_URL');

describe.skipIf(postgres.url === null || redis.url === null)(redis.title(postgres.title('scale-out failover')), () => {
  let cluster: ScaleOutCluster;
  let balancer: TcpRelay | undefined;
  let clients: TestClient[] = [];
  const track = (client: TestClient) => {
    clients.push(client);
    return client;
  };

  beforeAll(() => {
    cluster = createCluster({ databaseUrl: postgres.requireUrl(), redisUrl: redis.requireUrl() });
  });
  afterEach(async () => {
    for (const client of clients) client.destroy();
    clients = [];
    await balancer?.close();
    balancer = undefined;
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('loses no edit any client saw when the instance a writer streams through is killed with SIGKILL', { timeout: SPAWNING_TEST_TIMEOUT_MS }, async () => {
    const doc = `scale-failover-${randomUUID().slice(0, 8)}`;
    const [a, b] = await Promise.all([cluster.start(), cluster.start()]);
    balancer = await TcpRelay.start({ port: a.port });
    const writer = track(connectClient(`ws://127.0.0.1:${balancer.port}/collab`, doc));
    const reader = track(connectClient(b.wsUrl, doc));
    writer.provider.awareness.setLocalStateField('user', { name: 'Wes' });
    await waitSynced(writer, reader);
    await vi.waitFor(() => expect(stateOf(reader, writer)).toMatchObject({ user: { name: 'Wes' } }), EVENTUALLY);

    let i = 0;
    let seenWhenKilled = '';
    const typing = setInterval(() => writer.text.insert(writer.text.length, `${i++}.`), 2);
    try {
      await vi.waitFor(() => expect(reader.text.length).toBeGreaterThan(400), { timeout: 20_000 });
      a.child.kill('SIGKILL');
      await a.exited;
      seenWhenKilled = reader.text.toString();
      // The balancer sends the writer's reconnection to B; it keeps typing into its local document meanwhile.
      balancer.retarget({ port: b.port });
      await vi.waitFor(() => expect(writer.provider.wsconnected).toBe(true), { timeout: 10_000 });
      await vi.waitFor(() => expect(writer.provider.synced).toBe(true), EVENTUALLY);
    } finally {
      clearInterval(typing);
    }
    writer.text.insert(writer.text.length, 'END');
    await vi.waitFor(() => expect(reader.text.toString()).toBe(writer.text.toString()), { timeout: 10_000 });
    const final = writer.text.toString();
    expect(final.startsWith(seenWhenKilled)).toBe(true);
    const fresh = track(connectClient(b.wsUrl, doc));
    await waitSynced(fresh);
    expect(fresh.text.toString()).toBe(final);

    // Its presence moved with it: B lets the client's own connection take over the id A used to relay.
    writer.provider.awareness.setLocalStateField('user', { name: 'Wes', on: 'B' });
    await vi.waitFor(() => expect(stateOf(reader, writer)).toMatchObject({ user: { name: 'Wes', on: 'B' } }), EVENTUALLY);

    // Everything was committed before any client saw it: after B dies too, storage holds all of it.
    b.child.kill('SIGKILL');
    await b.exited;
    expect((await cluster.loadStored(doc)).getText('t').toString()).toBe(final);
  });
});

function stateOf(observer: TestClient, subject: TestClient): Record<string, unknown> | undefined {
  return observer.provider.awareness.getStates().get(subject.doc.clientID);
}
