// Tokens end live connections too: a socket whose token expires is closed with 4401 at that moment (the client
// gets a fresh token and reconnects), while connections with longer tokens stay; the user API refuses expired ones.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CloseCode } from '../../../shared/close-codes';
import { mintToken } from '../auth/tokens';
import { connectClient, waitForText, waitSynced, type TestClient } from '../test-support/clients';
import { startTestServer, type TestServer } from '../test-support/test-server';

const AUTH_SECRET = 'token-expiry-test-secret-0123456789';
let server: TestServer;
const clients: TestClient[] = [];

const token = (doc: string, ttlSeconds: number) => mintToken({ secret: AUTH_SECRET, sub: `user-${ttlSeconds}`, doc, role: 'editor', ttlSeconds });

function connect(doc: string, token: string): TestClient & { closeCodes: number[] } {
  const client = connectClient(server.wsUrl, doc, { params: { token } });
  clients.push(client);
  const closeCodes: number[] = [];
  client.provider.on('connection-close', (event) => {
    if (event) closeCodes.push(event.code);
  });
  return Object.assign(client, { closeCodes });
}

beforeAll(async () => {
  server = await startTestServer({ AUTH_SECRET });
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await server.stop();
});

describe('token expiry on a live connection', () => {
  it('closes a connection with 4401 when its token expires while one with a long token stays connected', async () => {
    const doc = 'expiring';
    // exp has whole-second precision: a 3 s token expires 2 to 3 s from now, after both clients have synced.
    const short = connect(doc, await token(doc, 3));
    const long = connect(doc, await token(doc, 3600));
    await waitSynced(short, long);
    short.text.insert(0, 'before expiry');
    await waitForText(long, 'before expiry');

    await vi.waitFor(() => expect(short.closeCodes).toEqual([CloseCode.Unauthorized]), { timeout: 6_000, interval: 20 });
    // The stock client treats 44xx as final until it is told to connect again (with a fresh token).
    expect(short.provider.shouldConnect).toBe(false);
    expect(long.closeCodes).toEqual([]);
    expect(long.provider.wsconnected).toBe(true);

    // Edits made after the close stay in the doc and reach the others once a fresh token reconnects it.
    short.text.insert(short.text.length, ', after expiry');
    short.provider.params = { ...short.provider.params, token: await token(doc, 3600) };
    short.provider.connect();
    await waitForText(long, 'before expiry, after expiry');
    expect(short.closeCodes).toEqual([CloseCode.Unauthorized]);
  });

  it('refuses an expired token on the user API with 401', async () => {
    const expired = await token('expiring', -10);
    const res = await fetch(`${server.url}/api/docs/expiring/snapshots`, { headers: { Authorization: `Bearer ${expired}` } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: 'the token is expired' } });
  });
});
