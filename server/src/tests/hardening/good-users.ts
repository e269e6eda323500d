// Well-behaved users for the hardening tests: stock y-websocket clients that write a known text before an attack,
// and after it check that the server is up, that pairs of users still converge, and that the known text survived.
import { expect, vi } from 'vitest';
import * as Y from 'yjs';
import { mintToken } from '../../auth/tokens';
import type { DocumentStore } from '../../storage/storage';
import { connectClient, waitSynced, type TestClient } from '../../test-support/clients';

/** The in-process TestServer and the spawned ServerProcess both fit; `ctx` only exists in-process. */
export interface ServerUnderTest {
  url: string;
  wsUrl: string;
  ctx?: { store: DocumentStore; config: { authSecret: string | undefined } };
}

export interface GoodUserOptions {
  /** Mints editor tokens with this secret (defaults to the in-process server's AUTH_SECRET). */
  authSecret?: string;
}

/** Good users must converge this quickly after an attack. */
export const CONVERGE_MS = 2_000;

let nextTag = 1;

export async function goodClient(server: ServerUnderTest, doc: string, options: GoodUserOptions = {}): Promise<TestClient> {
  const secret = options.authSecret ?? server.ctx?.config.authSecret;
  const params: Record<string, string> = secret
    ? { token: await mintToken({ secret, sub: `good-${nextTag++}`, name: 'Good', doc, role: 'editor', ttlSeconds: 600 }) }
    : {};
  return connectClient(server.wsUrl, doc, { params });
}

export async function expectHealthy(server: ServerUnderTest): Promise<void> {
  const response = await fetch(`${server.url}/healthz`);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ ok: true });
}

/** For every doc, two fresh stock clients sync, both type, and see each other's text within CONVERGE_MS. */
export async function expectGoodUsersConverge(server: ServerUnderTest, docs: readonly string[], options: GoodUserOptions = {}): Promise<void> {
  await Promise.all(docs.map((doc) => pairConverges(server, doc, options)));
}

async function pairConverges(server: ServerUnderTest, doc: string, options: GoodUserOptions): Promise<void> {
  const a = await goodClient(server, doc, options);
  const b = await goodClient(server, doc, options);
  try {
    await waitSynced(a, b);
    const tagA = `<good-a-${nextTag++}>`;
    const tagB = `<good-b-${nextTag++}>`;
    a.text.insert(a.text.length, tagA);
    b.text.insert(0, tagB);
    await vi.waitFor(() => {
      const textA = a.text.toString();
      if (!textA.includes(tagA) || !textA.includes(tagB) || textA !== b.text.toString()) {
        throw new Error(`${doc}: the good users have not converged (${JSON.stringify(textA.slice(0, 80))} vs ${JSON.stringify(b.text.toString().slice(0, 80))})`);
      }
    }, { timeout: CONVERGE_MS, interval: 10 });
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
  } finally {
    a.destroy();
    b.destroy();
  }
}

/** Writes `text` into `doc` and returns once a second client received it (so it is committed). */
export async function writeKnownText(server: ServerUnderTest, doc: string, text: string, options: GoodUserOptions = {}): Promise<void> {
  const writer = await goodClient(server, doc, options);
  const reader = await goodClient(server, doc, options);
  try {
    await waitSynced(writer, reader);
    writer.text.insert(writer.text.length, text);
    await vi.waitFor(() => expect(reader.text.toString()).toContain(text), { timeout: 5_000, interval: 10 });
  } finally {
    writer.destroy();
    reader.destroy();
  }
}

/** A fresh client still receives `text`, and (in-process) the stored update log replays and contains it. */
export async function expectKnownTextIntact(server: ServerUnderTest, doc: string, text: string, options: GoodUserOptions = {}): Promise<void> {
  const reader = await goodClient(server, doc, options);
  try {
    await waitSynced(reader);
    await vi.waitFor(() => expect(reader.text.toString()).toContain(text), { timeout: CONVERGE_MS, interval: 10 });
  } finally {
    reader.destroy();
  }
  if (server.ctx) expect(await storedText(server.ctx.store, doc)).toContain(text);
}

/** The text of `t` in the stored update log of `doc`, replayed into a fresh document. */
export async function storedText(store: DocumentStore, doc: string): Promise<string> {
  const stored = await store.load(doc);
  const replay = new Y.Doc();
  for (const update of stored?.updates ?? []) Y.applyUpdate(replay, update);
  const text = replay.getText('t').toString();
  replay.destroy();
  return text;
}

/** Everything an attack test checks afterwards: up, good pairs converge in `doc` and `otherDoc`, `known` intact. */
export async function expectServerUnharmed(
  server: ServerUnderTest,
  target: { doc: string; otherDoc: string; known: string },
  options: GoodUserOptions = {},
): Promise<void> {
  await expectHealthy(server);
  await expectGoodUsersConverge(server, [target.doc, target.otherDoc], options);
  await expectKnownTextIntact(server, target.doc, target.known, options);
}

/** A doc holding a known text, and the name of a second doc beside it: the setup of every attack test. */
export async function prepareTarget(server: ServerUnderTest, name: string): Promise<{ doc: string; otherDoc: string; known: string }> {
  const known = `known text of ${name}`;
  await writeKnownText(server, name, known);
  return { doc: name, otherDoc: `${name}-other`, known };
}
