// What operators see: /metrics carries the contract's metric names and never a document name or user id as a
// label value, and no log line carries a token or a query string, whatever clients put in their URLs.
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../../../shared/close-codes';
import { mintToken } from '../../auth/tokens';
import { connectClient, waitSynced } from '../../test-support/clients';
import { startTestServer, type TestServer } from '../../test-support/test-server';
import { floodUntilClosed, joinedAttacker, openAttacker, updateFrame, upgradeStatus, type Attacker } from './attacker';
import { expectGoodUsersConverge } from './good-users';

const SECRET = 'observability-secret-0123456789';
const DOC = 'doc-name-that-must-not-be-a-label';
const USER = 'user-id-that-must-not-be-a-label';
const QUERY_MARKER = 'query-marker-that-must-not-be-logged';
const lines: string[] = [];
let server: TestServer;
const attackers: Attacker[] = [];
let tokens: string[] = [];

beforeAll(async () => {
  const capture = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  server = await startTestServer({ AUTH_SECRET: SECRET, RATE_LIMIT_MESSAGES: '20' }, { logger: pino({ level: 'debug' }, capture) });
  const token = (role: 'editor' | 'viewer', doc = DOC, ttlSeconds = 600) => mintToken({ secret: SECRET, sub: USER, name: 'Obs', doc, role, ttlSeconds });
  tokens = [await token('editor'), await token('viewer'), await token('editor', 'elsewhere'), await token('editor', DOC, -10)];
  const [editorToken, viewerToken, wrongDoc, expired] = tokens as [string, string, string, string];

  // Activity of every kind: editors and a viewer, refused tokens, a rate-limited flood, a bad name, HTTP queries.
  const editor = connectClient(server.wsUrl, DOC, { params: { token: editorToken, marker: QUERY_MARKER } });
  await waitSynced(editor);
  editor.text.insert(0, 'observed');
  const viewer = await joinedAttacker(server.wsUrl, DOC, { params: { token: viewerToken, marker: QUERY_MARKER } });
  attackers.push(viewer);
  const refused = new Y.Doc();
  refused.getText('t').insert(0, 'refused');
  viewer.send(updateFrame(Y.encodeStateAsUpdate(refused)));
  await viewer.roundTrip();
  for (const params of [{ token: wrongDoc }, { token: expired }, { token: `${editorToken}x` }]) {
    const refused = openAttacker(server.wsUrl, DOC, { params: { ...params, marker: QUERY_MARKER } });
    attackers.push(refused);
    await refused.closed;
  }
  const flooder = await joinedAttacker(server.wsUrl, DOC, { params: { token: editorToken, marker: QUERY_MARKER } });
  attackers.push(flooder);
  expect((await floodUntilClosed(flooder, Array.from({ length: 1_000 }, () => new Uint8Array([3])), 50)).code).toBe(CloseCode.RateLimited);
  expect(await upgradeStatus(`${server.wsUrl}/bad%20name?token=${editorToken}&marker=${QUERY_MARKER}`)).toBe(400);
  for (const path of ['/healthz', '/metrics', '/readyz', '/no-such-route', '/admin/docs', '/api/docs/x/export']) {
    await (await fetch(`${server.url}${path}?token=${editorToken}&marker=${QUERY_MARKER}`)).arrayBuffer();
  }
  await expectGoodUsersConverge(server, [DOC]);
  editor.destroy();
  viewer.ws.close();
  await vi.waitFor(async () => expect((await server.ctx.metrics.connections.get()).values[0]?.value).toBe(0));
});
afterAll(async () => {
  for (const a of attackers) a.ws.terminate();
  await server.stop();
});

describe('metrics', () => {
  it('exposes the contract metrics, with no document name or user id as a label value', async () => {
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    for (const name of [
      'tandem_connections',
      'tandem_documents_loaded',
      'tandem_messages_in_total',
      'tandem_bytes_in_total',
      'tandem_messages_out_total',
      'tandem_rejected_messages_total',
      'tandem_closes_total',
      'tandem_commit_seconds',
      'tandem_broadcast_fanout',
    ]) {
      expect(text, name).toMatch(new RegExp(`^# TYPE ${name} `, 'm'));
    }
    // The activity above shows up: closes by code, refusals by reason.
    expect(text).toMatch(new RegExp(`^tandem_closes_total\\{code="${CloseCode.RateLimited}"\\} [1-9]`, 'm'));
    expect(text).toMatch(/^tandem_rejected_messages_total\{reason="viewer_update"\} [1-9]/m);
    const labelValues = [...text.matchAll(/\{([^}]*)\}/g)].flatMap((m) => [...m[1]!.matchAll(/="((?:[^"\\]|\\.)*)"/g)].map((v) => v[1]!));
    expect(labelValues.length).toBeGreaterThan(20);
    for (const value of labelValues) {
      for (const secret of [DOC, 'elsewhere', USER, 'Obs', QUERY_MARKER, ...tokens]) expect(value).not.toContain(secret);
    }
  });
});

describe('logs', () => {
  it('never contain a token or a query string', () => {
    expect(lines.length).toBeGreaterThan(10);
    // The log does say what happened, by document name and session id.
    expect(lines.some((l) => l.includes('"connected"') && l.includes(DOC))).toBe(true);
    for (const line of lines) {
      for (const token of tokens) {
        expect(line).not.toContain(token);
        expect(line).not.toContain(token.split('.')[2]!); // not even the signature alone
      }
      expect(line).not.toContain(QUERY_MARKER);
      expect(line).not.toContain('token=');
      expect(line).not.toContain(SECRET);
    }
  });
});
