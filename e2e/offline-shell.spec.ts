// The offline app shell: once visited, the editor opens with no network at all (the service worker answers the page
// and its assets), shows what this device kept, and the offline text reaches others when the network returns.
import { documentText, expect, focusEnd, test, type User } from './fixtures';

/** Takes `user` (who has visited a document, which installed the offline worker) to the home page, then offline. */
async function homePageOffline(user: User, serverUrl: string): Promise<User> {
  const { page, context } = user;
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.goto(`${serverUrl}/`);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await context.setOffline(true);
  return user;
}

test('a visited document reloads with no network, shows its offline edits, and syncs them later', async ({ openUser }) => {
  const ann = await openUser('Ann');
  const { page, context } = ann;
  await focusEnd(ann);
  await page.keyboard.type('typed online');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');

  // The first visit installs the worker; a reload is certain to go through it.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
  await expect.poll(() => documentText(ann)).toBe('typed online');

  await context.setOffline(true);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'offline');
  await focusEnd(ann);
  await page.keyboard.press('Enter');
  await page.keyboard.type('typed offline');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'local');
  await expect.poll(() => documentText(ann)).toBe('typed online\ntyped offline');

  const offlineLoad = await page.reload();
  expect(offlineLoad?.fromServiceWorker()).toBe(true);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'offline');
  // It says why: no network (not "Reconnecting…", which it said when the page started without one).
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-detail', 'no-network');
  await expect.poll(() => documentText(ann)).toBe('typed online\ntyped offline');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'local');

  // A reload at once after typing: the last letters may not have reached IndexedDB yet, and must survive anyway.
  await focusEnd(ann);
  await page.keyboard.type(' and gone');
  await page.reload();
  await expect.poll(() => documentText(ann)).toBe('typed online\ntyped offline and gone');

  await context.setOffline(false);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected', { timeout: 20_000 });
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  const ben = await openUser('Ben');
  await expect.poll(() => documentText(ben)).toBe('typed online\ntyped offline and gone');
});

test('a new document started with no network takes typing at once, and reaches others as one paragraph', async ({ openUser, tandem }) => {
  const ann = await homePageOffline(await openUser('Ann'), tandem.url);
  const { page, context } = ann;
  await page.getByRole('button', { name: 'New document' }).click();
  await expect(page).toHaveURL(/\/d\//);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'offline');
  await expect(page.getByTestId('waiting-banner')).toHaveCount(0);
  await expect(page.getByText('Start writing…')).toBeVisible();
  await focusEnd(ann);
  await page.keyboard.type('first words');
  await expect.poll(() => documentText(ann)).toBe('first words');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'local');

  await context.setOffline(false);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected', { timeout: 20_000 });
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  // The server seeded the document too, with the same bytes: one paragraph, not an empty one beside Ann's.
  const docName = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
  const ben = await openUser('Ben', { doc: docName });
  await expect.poll(() => documentText(ben)).toBe('first words');
  await expect(ben.editable.locator('p')).toHaveCount(1);
  await expect(page.getByTestId('editor').locator('p')).toHaveCount(1);
});

test('a document opened by name with no network, never seen on this device, waits for the connection, then opens', async ({ openUser, tandem, docName }) => {
  const ann = await homePageOffline(await openUser('Ann'), tandem.url);
  const { page, context } = ann;
  // Someone else's document, maybe long written: its first line cannot be made up here.
  await page.getByTestId('open-doc-input').fill(`${docName}-elsewhere`);
  await page.getByTestId('open-doc-input').press('Enter');
  await expect(page).toHaveURL(/\/d\//);
  await expect(page.getByTestId('waiting-banner')).toContainText('Waiting for the connection');
  // Nothing here is saved or unsaved yet: no "Saved" claim, no invitation to write where nobody can, and no "0 words"
  // for a document the page does not have.
  await expect(page.getByTestId('save-status')).toHaveCount(0);
  await expect(page.getByText('Start writing…')).toHaveCount(0);
  await expect(page.getByTestId('word-count')).toHaveCount(0);
  await context.setOffline(false);
  await expect(page.getByTestId('waiting-banner')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByText('Start writing…')).toBeVisible();
  await expect(page.getByTestId('word-count')).toHaveText('0 words');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  await focusEnd(ann);
  await page.keyboard.type('first words');
  await expect.poll(() => documentText(ann)).toBe('first words');
});

test('the home page and a document page register the same offline worker: going between them installs nothing anew', async ({ openUser, tandem, docName }) => {
  const ann = await openUser('Ann');
  const { page, context } = ann;
  // Notes the worker each page registers (at its load, before page.goto returns).
  await context.addInitScript(() => {
    const register = ServiceWorkerContainer.prototype.register;
    ServiceWorkerContainer.prototype.register = function (url, options) {
      sessionStorage.setItem('registered-worker', String(url));
      return register.call(this, url, options);
    };
  });
  const registered = () => page.evaluate(() => sessionStorage.getItem('registered-worker'));
  await page.goto(`${tandem.url}/`);
  await expect.poll(registered).toMatch(/^\/sw\.js\?build=/);
  const onHomePage = await registered();
  await page.evaluate(() => sessionStorage.removeItem('registered-worker'));
  await page.goto(`${tandem.url}/d/${docName}`);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
  // Before, the document page's preload link for the editor counted in the build's id: each page registered a worker
  // of its own, and its install and takeover could abort the next navigation (as a CI run saw).
  await expect.poll(registered).toBe(onHomePage);
});
