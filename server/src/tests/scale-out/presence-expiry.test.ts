// The users of an instance that dies without saying goodbye (SIGKILL) vanish from everyone else's presence once
// its Redis liveness key expires, well before y-protocols' own 30 s awareness timeout would remove them.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectClient, waitSynced, type TestClient } from '../../test-support/clients';
import { createCluster, EVENTUALLY, SPAWNING_TEST_TIMEOUT_MS, type ScaleOutCluster } from '../../test-support/scale-out-cluster';
import { findTestService } from '../../test-support/services';

const postgres = findTestService('TEST_DATABASE_URL');
const redis = findTestService('TEST_REDIS_URL');

/** Liveness keys live 15 s and dead owners are swept after two missed 3 s scans: at most 21 s, plus slack. */
const EXPIRY_BOUND_MS = 25_000;

describe.skipIf(postgres.url === null || redis.url === null)(redis.title(postgres.title('scale-out presence expiry')), () => {
  let cluster: ScaleOutCluster;
  let clients: TestClient[] = [];
  const join = (wsUrl: string, doc: string, name: string) => {
    const client = connectClient(wsUrl, doc);
    client.provider.awareness.setLocalStateField('user', { name });
    clients.push(client);
    return client;
  };

  beforeAll(() => {
    cluster = createCluster({ databaseUrl: postgres.requireUrl(), redisUrl: redis.requireUrl() });
  });
  afterEach(() => {
    for (const client of clients) client.destroy();
    clients = [];
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('removes the presence of a killed instance’s users from clients on other instances', { timeout: SPAWNING_TEST_TIMEOUT_MS }, async () => {
    const doc = `scale-presence-${randomUUID().slice(0, 8)}`;
    const [a, b] = await Promise.all([cluster.start(), cluster.start()]);
    const ann = join(a.wsUrl, doc, 'Ann');
    const ben = join(b.wsUrl, doc, 'Ben');
    const bea = join(b.wsUrl, doc, 'Bea');
    await waitSynced(ann, ben, bea);
    await vi.waitFor(() => expect(peerNames(ben)).toEqual(['Ann', 'Bea']), EVENTUALLY);
    await vi.waitFor(() => expect(peerNames(bea)).toEqual(['Ann', 'Ben']), EVENTUALLY);

    a.child.kill('SIGKILL');
    await a.exited;
    await vi.waitFor(() => expect(peerNames(ben)).toEqual(['Bea']), { timeout: EXPIRY_BOUND_MS, interval: 100 });
    await vi.waitFor(() => expect(peerNames(bea)).toEqual(['Ben']), { timeout: 1_000 });
  });
});

function peerNames(client: TestClient): string[] {
  return [...client.provider.awareness.getStates()]
    .filter(([id]) => id !== client.doc.clientID)
    .map(([, state]) => (state.user as { name?: string } | undefined)?.name)
    .filter((name): name is string => typeof name === 'string')
    .sort();
}
