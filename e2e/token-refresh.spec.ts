// Token expiry in the browser: the server closes a live connection with 4401 when its token expires; a page given
// `?tokenUrl=` fetches a fresh token and reconnects with every edit kept, one without it stops with a banner, and a
// token URL whose tokens the server keeps refusing makes the page back off and stop, not loop. And sharing on such a
// server: the page's own token never goes into a shared link, so Share says how others get an access link.
import { test, type Browser, type Page, type Route, type WebSocket } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { mintToken } from '../server/src/auth/tokens';
import { documentText, expect, focusEnd, type User } from './fixtures';
import { useSecuredServer } from './support/secured-server';

const AUTH_SECRET = 'e2e-token-refresh-secret-0123456789';
const isTokenUrl = (url: URL) => url.pathname === '/test-token';

const { server, contexts } = useSecuredServer(test, AUTH_SECRET);

const newDoc = () => `e2e-token-${randomBytes(5).toString('hex')}`;
const mint = (doc: string, sub: string, ttlSeconds: number) =>
  mintToken({ secret: AUTH_SECRET, sub, name: sub, doc, role: 'editor', ttlSeconds });

/** A page of its own (own BrowserContext) whose WebSockets are recorded, not yet navigated. */
async function newPage(browser: Browser): Promise<{ page: Page; sockets: WebSocket[] }> {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  const sockets: WebSocket[] = [];
  page.on('websocket', (socket) => sockets.push(socket));
  return { page, sockets };
}

async function open(page: Page, doc: string, query: string, name: string): Promise<User> {
  await page.goto(`${server().url}/d/${doc}?${query}`);
  return { name, page, context: page.context(), editable: page.locator('[data-testid=editor] [contenteditable=true]') };
}

const tokenOf = (socket: WebSocket) => new URL(socket.url()).searchParams.get('token');

test('an editor whose token expires fetches a fresh one from tokenUrl, reconnects and loses no edits', async ({ browser }) => {
  const doc = newDoc();
  const ben = await open((await newPage(browser)).page, doc, `token=${await mint(doc, 'Ben', 3600)}`, 'Ben');
  await expect(ben.page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');

  const { page, sockets } = await newPage(browser);
  // The token URL answers only when the test says so, so that typing provably happens while the page is cut off.
  const pending: Route[] = [];
  await page.route(isTokenUrl, (route) => {
    pending.push(route);
  });
  // exp has whole-second precision: this token expires 5 to 6 s from now, after the page has connected with it.
  // Whether the first edit is saved before expiry depends on the machine's speed; either way it must survive.
  const shortToken = await mint(doc, 'Ann', 6);
  const ann = await open(page, doc, `token=${shortToken}&tokenUrl=/test-token`, 'Ann');
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
  await focusEnd(ann);
  await page.keyboard.type('before expiry.');

  // At expiry the server closes the socket with 4401 and the page asks the token URL for a fresh token.
  await expect.poll(() => pending.length, { timeout: 15_000 }).toBe(1);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'offline');
  await expect.poll(() => sockets[0]?.isClosed()).toBe(true);
  await page.keyboard.type(' while renewing.');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'local');

  const freshToken = await mint(doc, 'Ann', 3600);
  await pending[0]?.fulfill({ json: { token: freshToken } });
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
  await page.keyboard.type(' after expiry.');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  await expect.poll(() => documentText(ben)).toBe('before expiry. while renewing. after expiry.');
  expect(await documentText(ann)).toBe('before expiry. while renewing. after expiry.');

  expect(sockets.map(tokenOf)).toEqual([shortToken, freshToken]);
  expect(pending).toHaveLength(1);
  await expect(page.getByTestId('stopped-banner')).toHaveCount(0);
});

test('without a token URL an expired token stops the editor with a banner that says the link expired', async ({ browser }) => {
  const doc = newDoc();
  const { page } = await newPage(browser);
  await open(page, doc, `token=${await mint(doc, 'Ann', 6)}`, 'Ann');
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
  const banner = page.getByTestId('stopped-banner');
  await expect(banner).toHaveAttribute('data-close-code', '4401', { timeout: 15_000 });
  await expect(banner).toContainText('expired');
  await expect(banner).toContainText('Your copy stays readable here.');
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'offline');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
});

test('a token URL whose tokens the server refuses makes the page back off and stop instead of looping', async ({ browser }) => {
  const doc = newDoc();
  const { page, sockets } = await newPage(browser);
  let issued = 0;
  await page.route(isTokenUrl, async (route) => {
    issued++;
    // Signed with another secret: the server refuses it at once with 4401.
    const forged = await mintToken({ secret: 'not-the-server-secret-0123456789', sub: 'Ann', doc, role: 'editor', ttlSeconds: 3600 });
    await route.fulfill({ json: { token: forged } });
  });
  await open(page, doc, 'token=not-a-jwt&tokenUrl=/test-token', 'Ann');
  const banner = page.getByTestId('stopped-banner');
  await expect(banner).toHaveAttribute('data-close-code', '4401', { timeout: 15_000 });
  await expect(banner).toContainText('reload the page');
  // Refused before anything loaded: nothing to read here, and no "Saved" for a document it never had.
  await expect(banner).toContainText('Could not open this document.');
  await expect(banner).not.toContainText('stays readable');
  await expect(page.getByTestId('save-status')).toHaveCount(0);
  expect(issued).toBe(3);
  expect(sockets).toHaveLength(4);
});

test('Share on a page opened with an access link copies the address without the token and says each person needs their own', async ({ browser }) => {
  const doc = newDoc();
  const token = await mint(doc, 'Ann', 3600);
  const { page } = await newPage(browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server().url });
  await open(page, doc, `token=${token}`, 'Ann');
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');

  await page.getByTestId('share').click();
  const note = page.getByTestId('access-link-note');
  await expect(note).toBeVisible();
  await expect(note).toContainText('Each person needs an access link of their own');
  // The command is for the admin, folded away under its own heading.
  const command = note.getByText(`AUTH_SECRET=… npm run admin -- token --doc ${doc} --role editor`);
  await expect(command).toBeHidden();
  await note.getByText('For the admin').click();
  await expect(command).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(`${server().url}/d/${doc}`);
  expect(copied).not.toContain(token);
  // It stays to be read, and Escape puts it away.
  await expect(page.getByTestId('share')).toHaveAttribute('data-copied', 'true');
  await page.keyboard.press('Escape');
  await expect(note).toHaveCount(0);
  await expect(page.getByTestId('share')).toHaveAccessibleName('Share');
});
