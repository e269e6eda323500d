// Automatic versions on one instance while another instance imports into the same document: the import reaches this
// instance piece by piece, and a version must hold all of it or none of it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { connectClient, waitSynced, type TestClient } from '../../test-support/clients';
import { createCluster, SPAWNING_TEST_TIMEOUT_MS, type ScaleOutCluster } from '../../test-support/scale-out-cluster';
import type { ServerProcess } from '../../test-support/server-process';
import { findTestService } from '../../test-support/services';
import { markdownOf } from '../admin-test-helpers';

const ADMIN_TOKEN = `scale-out-admin-${randomUUID()}`;
const AUTH = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const postgres = findTestService('TEST_DATABASE_URL');
const redis = findTestService('TEST_REDIS_URL');

const IMPORTED_PARAGRAPHS = 1_500;
/** A taking a version of the whole document every 50 ms while B imports is heavy work for a 2-core machine. */
const LOADED_MACHINE_TIMEOUT_MS = 75_000;
const IMPORTED_LINE = /^Paragraph \d+ came through instance B\.$/gm;

describe.skipIf(postgres.url === null || redis.url === null)(redis.title(postgres.title('scale-out automatic versions')), () => {
  let cluster: ScaleOutCluster;
  let a: ServerProcess;
  let b: ServerProcess;
  let typist: TestClient | null = null;

  beforeAll(async () => {
    cluster = createCluster({ databaseUrl: postgres.requireUrl(), redisUrl: redis.requireUrl() });
    // A versions a document 50 ms after its edits, so it tries many times while B's import arrives. It keeps them
    // all: one pruned between the listing and its export would answer 404 (as with 1,000 on a loaded CI machine).
    [a, b] = await Promise.all([
      cluster.start({ env: { ADMIN_TOKEN, AUTO_VERSION_IDLE_MS: '50', AUTO_VERSION_INTERVAL_MS: '50', AUTO_VERSION_KEEP: '1000000' } }),
      cluster.start({ env: { ADMIN_TOKEN } }),
    ]);
  }, SPAWNING_TEST_TIMEOUT_MS);
  afterAll(async () => {
    typist?.destroy();
    await cluster?.stop();
  });

  it("takes no automatic version on one instance that holds part of an import made through another", async () => {
    const doc = `scale-versions-${randomUUID().slice(0, 8)}`;
    typist = connectClient(a.wsUrl, doc);
    await waitSynced(typist);
    const client = typist;
    // Someone keeps editing through A, so A keeps taking versions while B's import goes in.
    let edits = 0;
    const typing = setInterval(() => client.text.insert(client.text.length, `${edits++} `), 10);
    try {
      const markdown = Array.from({ length: IMPORTED_PARAGRAPHS }, (_, i) => `Paragraph ${i} came through instance B.`).join('\n\n');
      const res = await fetch(`${b.url}/admin/docs/${doc}/import?format=markdown`, { method: 'PUT', body: markdown, headers: AUTH });
      expect(res.status, await res.clone().text()).toBe(200);
      // A versions the imported document too, once the import is whole.
      await vi.waitFor(async () => {
        const counts = await importedParagraphsPerAutoVersion(doc);
        expect(counts).toContain(IMPORTED_PARAGRAPHS);
      }, { timeout: 40_000, interval: 100 });
    } finally {
      clearInterval(typing);
    }
    const counts = await importedParagraphsPerAutoVersion(doc);
    expect(counts.length).toBeGreaterThan(1);
    // A did try to take versions while the import went in (and waited): the check above was put to the test.
    expect(await postponedVersions(a)).toBeGreaterThan(0);
    expect(counts.filter((count) => count !== 0 && count !== IMPORTED_PARAGRAPHS), `imported paragraphs per version: ${counts.join(', ')}`).toEqual([]);
    // 7 s on its own; over 30 s in a CI run where another file's 10,000-paragraph imports took the other core.
  }, LOADED_MACHINE_TIMEOUT_MS);

  async function postponedVersions(instance: ServerProcess): Promise<number> {
    const metrics = await (await fetch(`${instance.url}/metrics`)).text();
    return Number(/^tandem_auto_versions_postponed_total (\d+)/m.exec(metrics)?.[1] ?? Number.NaN);
  }

  /** For each automatic version of `doc` (read through A), how many of the imported paragraphs it holds. */
  async function importedParagraphsPerAutoVersion(doc: string): Promise<number[]> {
    const listed = await fetch(`${a.url}/admin/docs/${doc}/snapshots`, { headers: AUTH });
    expect(listed.status).toBe(200);
    const versions = (await listed.json()) as Array<{ id: string; kind: string }>;
    const counts: number[] = [];
    for (const version of versions.filter((v) => v.kind === 'auto')) {
      const known = countedVersions.get(version.id);
      if (known !== undefined) {
        counts.push(known);
        continue;
      }
      const res = await fetch(`${a.url}/admin/docs/${doc}/snapshots/${version.id}/export?format=yjs`, { headers: AUTH });
      expect(res.status).toBe(200);
      const state = new Y.Doc();
      Y.applyUpdate(state, new Uint8Array(await res.arrayBuffer()));
      const count = markdownOf(state).match(IMPORTED_LINE)?.length ?? 0;
      countedVersions.set(version.id, count);
      counts.push(count);
      state.destroy();
    }
    return counts;
  }

  /** A version never changes: each is exported once, not on every poll (hundreds of them by the end). */
  const countedVersions = new Map<string, number>();
});
