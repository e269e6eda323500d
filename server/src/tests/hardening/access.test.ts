// Who may connect and what they may do: bad document names (400) and disallowed origins (403) before the upgrade;
// missing, forged and expired tokens (4401) and tokens for another document (4403) after it; the token's name
// stamped into awareness; a viewer's writes dropped while it keeps receiving.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../../../shared/close-codes';
import { mintToken } from '../../auth/tokens';
import type { Role } from '../../rooms/session';
import { connectClient, waitSynced, type TestClient } from '../../test-support/clients';
import { startTestServer, type TestServer } from '../../test-support/test-server';
import {
  attackerUrl,
  awarenessFrame,
  awarenessUpdateOf,
  expectClosedWith,
  joinedAttacker,
  openAttacker,
  parseServerFrame,
  syncStep1Frame,
  updateFrame,
  upgradeStatus,
  type Attacker,
} from './attacker';
import { expectServerUnharmed, storedText, prepareTarget } from './good-users';

const SECRET = 'hardening-secret-0123456789';
const GOOD_ORIGIN = 'https://good.example';
let server: TestServer;
const clients: TestClient[] = [];
const attackers: Attacker[] = [];

const token = (doc: string, role: Role = 'editor', extra: { name?: string; ttlSeconds?: number; secret?: string } = {}) =>
  mintToken({ secret: extra.secret ?? SECRET, sub: `user-${role}`, name: extra.name, doc, role, ttlSeconds: extra.ttlSeconds ?? 600 });
const attack = (doc: string, params: Record<string, string>, headers: Record<string, string> = {}) => {
  const attacker = openAttacker(server.wsUrl, doc, { params, headers });
  attackers.push(attacker);
  return attacker;
};

beforeAll(async () => {
  server = await startTestServer({ AUTH_SECRET: SECRET, ALLOWED_ORIGINS: GOOD_ORIGIN });
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  for (const a of attackers) a.ws.terminate();
  await server.stop();
});

const target = (name: string) => prepareTarget(server, name);

describe('before the upgrade', () => {
  it('refuses bad document names with HTTP 400 and loads no document', async () => {
    const t = await target('names');
    const loaded = server.ctx.registry.size;
    const bad = ['', '.hidden', 'a'.repeat(129), 'a%20b', 'a%2Fb', '..%2F..%2Fetc', '%C3%BC', 'a/b', 'a%00b', 'semi;colon', '~tilde'];
    const valid = await token('*');
    for (const name of bad) {
      expect(await upgradeStatus(`${server.wsUrl}/${name}?token=${valid}`), name).toBe(400);
    }
    expect(server.ctx.registry.size).toBe(loaded);
    await expectServerUnharmed(server, t);
  });

  it(`refuses a disallowed Origin with HTTP 403; ${GOOD_ORIGIN} and no Origin pass`, async () => {
    const t = await target('origins');
    const url = attackerUrl(server.wsUrl, t.doc, { token: await token(t.doc) });
    for (const origin of ['https://evil.example', 'http://good.example', 'https://good.example.evil.example', 'null', 'http://localhost:5173']) {
      expect(await upgradeStatus(url, { Origin: origin }), origin).toBe(403);
    }
    expect(await upgradeStatus(url, { Origin: GOOD_ORIGIN })).toBe(101);
    expect(await upgradeStatus(url)).toBe(101);
    const browser = await joinedAttacker(server.wsUrl, t.doc, { params: { token: await token(t.doc) }, headers: { Origin: GOOD_ORIGIN } });
    attackers.push(browser);
    expect(browser.closedWith).toBeNull();
    await expectServerUnharmed(server, t);
  });
});

describe('tokens (AUTH_SECRET set)', () => {
  it('closes missing, malformed, forged and expired tokens with 4401 and a token for another doc with 4403', async () => {
    const t = await target('tokens');
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const claims = Buffer.from(JSON.stringify({ sub: 'x', doc: '*', role: 'editor', exp: Date.now() / 1000 + 600 })).toString('base64url');
    const unauthorized: Array<Record<string, string>> = [
      {},
      { token: '' },
      { token: 'not-a-jwt' },
      { token: `${header}.${claims}.` },
      { token: await token(t.doc, 'editor', { secret: 'another-secret-0123456789' }) },
      { token: await token(t.doc, 'editor', { ttlSeconds: -60 }) },
      { token: (await token(t.doc)).slice(0, -2) },
    ];
    for (const params of unauthorized) {
      await expectClosedWith(attack(t.doc, params), CloseCode.Unauthorized);
    }
    await expectClosedWith(attack(t.doc, { token: await token('another-doc') }), CloseCode.Forbidden);
    await expectClosedWith(attack(t.doc, { token: await token('tokens-*') }), CloseCode.Forbidden);
    await expectServerUnharmed(server, t);
  });

  it('grants a prefix* token its prefix only, and a * token every document', async () => {
    const t = await target('team-notes');
    const prefix = await token('team-*');
    const granted = await joinedAttacker(server.wsUrl, t.doc, { params: { token: prefix } });
    attackers.push(granted);
    expect(granted.closedWith).toBeNull();
    await expectClosedWith(attack('teams', { token: prefix }), CloseCode.Forbidden);
    await expectClosedWith(attack('other-team-notes', { token: prefix }), CloseCode.Forbidden);
    const any = await token('*');
    for (const doc of ['team-notes', 'anything', 'x']) {
      const a = await joinedAttacker(server.wsUrl, doc, { params: { token: any } });
      attackers.push(a);
      expect(a.closedWith).toBeNull();
    }
    await expectServerUnharmed(server, t);
  });

  it("stamps the token's name into awareness: a client claiming another name appears with the token's", async () => {
    const t = await target('stamped');
    const alice = connectClient(server.wsUrl, t.doc, { params: { token: await token(t.doc, 'editor', { name: 'Alice' }) } });
    const observer = connectClient(server.wsUrl, t.doc, { params: { token: await token(t.doc, 'editor', { name: 'Olga' }) } });
    clients.push(alice, observer);
    await waitSynced(alice, observer);
    alice.provider.awareness.setLocalState({ name: 'Mallory', color: '#f00' });
    await vi.waitFor(() => expect(observer.provider.awareness.getStates().get(alice.doc.clientID)).toEqual({ name: 'Alice', color: '#f00' }));
    alice.provider.awareness.setLocalStateField('name', 'Bob');
    alice.provider.awareness.setLocalStateField('color', '#0f0');
    await vi.waitFor(() => expect(observer.provider.awareness.getStates().get(alice.doc.clientID)).toEqual({ name: 'Alice', color: '#0f0' }));
    await expectServerUnharmed(server, t);
  });
});

describe('viewers', () => {
  it('tells a writing viewer permission-denied, passes its update to no peer and no storage, and keeps it receiving', async () => {
    const t = await target('viewed');
    const editor = connectClient(server.wsUrl, t.doc, { params: { token: await token(t.doc, 'editor', { name: 'Ed' }) } });
    clients.push(editor);
    await waitSynced(editor);
    const viewer = await joinedAttacker(server.wsUrl, t.doc, { params: { token: await token(t.doc, 'viewer', { name: 'Vi' }) } });
    attackers.push(viewer);
    const viewerDoc = new Y.Doc();
    const applyIncoming = () => {
      for (const frame of viewer.frames.splice(0)) {
        const message = parseServerFrame(frame);
        if (message.type === 'sync' && message.step > 0) Y.applyUpdate(viewerDoc, message.payload);
      }
    };
    const updates: Uint8Array[] = [];
    viewerDoc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'local') updates.push(update);
    });
    const denied = () => viewer.frames.some((f) => {
      const m = parseServerFrame(f);
      return m.type === 'auth' && m.denied && m.reason.length > 0;
    });
    // The server tells a viewer once, as it joins; a write is refused silently after that.
    await vi.waitFor(() => expect(denied()).toBe(true));
    viewer.send(syncStep1Frame(Y.encodeStateVector(viewerDoc)));
    await vi.waitFor(() => {
      applyIncoming();
      expect(viewerDoc.getText('t').toString()).toContain(t.known);
    });
    Y.transact(viewerDoc, () => viewerDoc.getText('t').insert(0, 'VIEWER-WRITE'), 'local');
    viewer.send(updateFrame(updates[0]!));
    // SyncStep2 is how a stock client hands over what it has; it is dropped the same way.
    viewer.send(new Uint8Array([0, 1, ...encodeLength(updates[0]!.byteLength), ...updates[0]!]));
    viewer.send(awarenessFrame(awarenessUpdateOf([{ clientId: viewerDoc.clientID, clock: 1, state: { name: 'Claimed' } }])));
    await viewer.roundTrip();
    editor.text.insert(editor.text.length, ' EDITOR-WRITE');
    await vi.waitFor(() => {
      applyIncoming();
      expect(viewerDoc.getText('t').toString()).toContain('EDITOR-WRITE');
    });
    await vi.waitFor(() => expect(editor.provider.awareness.getStates().get(viewerDoc.clientID)?.name).toBe('Vi'));
    expect(viewer.closedWith).toBeNull();
    expect(editor.text.toString()).not.toContain('VIEWER-WRITE');
    expect(server.ctx.registry.peek(t.doc)!.doc.getText('t').toString()).not.toContain('VIEWER-WRITE');
    await server.ctx.committer.drain();
    expect(await storedText(server.ctx.store, t.doc)).not.toContain('VIEWER-WRITE');
    const rejected = await server.ctx.metrics.rejected.get();
    expect(rejected.values.find((v) => v.labels.reason === 'viewer_update')?.value).toBeGreaterThanOrEqual(2);
    await expectServerUnharmed(server, t);
  });
});

function encodeLength(n: number): number[] {
  const bytes: number[] = [];
  while (n > 127) {
    bytes.push((n & 127) | 128);
    n >>>= 7;
  }
  bytes.push(n);
  return bytes;
}
