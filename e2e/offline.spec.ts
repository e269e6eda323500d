// Offline editing: status is truthful, edits are kept, and everything converges when the network returns.
import { readFile } from 'node:fs/promises';
import { documentText, expect, focusEnd, test } from './fixtures';

test('a user edits offline, comes back, and both converge with nothing lost', async ({ openUser }) => {
  const ann = await openUser('Ann');
  const ben = await openUser('Ben');
  await focusEnd(ann);
  await ann.page.keyboard.type('shared start');
  await expect.poll(() => documentText(ben)).toBe('shared start');

  await ben.context.setOffline(true);
  await expect(ben.page.getByTestId('connection-status')).toHaveAttribute('data-state', 'offline');
  await focusEnd(ben);
  await ben.page.keyboard.press('Enter');
  await ben.page.keyboard.type('ben offline');
  await expect(ben.page.getByTestId('save-status')).toHaveAttribute('data-state', 'local');
  await focusEnd(ann);
  await ann.page.keyboard.press('Enter');
  await ann.page.keyboard.type('ann online');

  await ben.context.setOffline(false);
  await expect(ben.page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected', { timeout: 20_000 });
  await expect.poll(async () => (await documentText(ann)) === (await documentText(ben)), { timeout: 15_000 }).toBe(true);
  const text = await documentText(ann);
  for (const part of ['shared start', 'ben offline', 'ann online']) expect(text).toContain(part);
  await expect(ben.page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
});

test('status shows offline while the network is cut, then connected and saved after edits', async ({ openUser }) => {
  const ann = await openUser('Ann');
  await expect(ann.page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  await ann.context.setOffline(true);
  await expect(ann.page.getByTestId('connection-status')).toHaveAttribute('data-state', 'offline');
  await focusEnd(ann);
  await ann.page.keyboard.type('typed while offline');
  await expect(ann.page.getByTestId('save-status')).toHaveAttribute('data-state', 'local');
  // A download still works, from the copy on this device, with what the server has not received, and says so.
  await ann.page.getByTestId('download-open').click();
  const menu = ann.page.getByTestId('download-menu');
  const [download] = await Promise.all([ann.page.waitForEvent('download'), menu.locator('[data-format=markdown]').click()]);
  expect(await readFile(await download.path(), 'utf8')).toContain('typed while offline');
  await expect(menu.getByTestId('download-note')).toContainText('copy on this device');
  await ann.page.keyboard.press('Escape');
  await ann.context.setOffline(false);
  await expect(ann.page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected', { timeout: 20_000 });
  await expect(ann.page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  // The menu gave the focus back to its button: back into the text, then type.
  await focusEnd(ann);
  await ann.page.keyboard.type(' and more');
  await expect.poll(() => documentText(ann)).toContain('typed while offline and more');
  await expect(ann.page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  // Screen readers hear the connection change, not Saving…/Saved after every letter.
  await expect(ann.page.getByTestId('connection-status')).toHaveAttribute('role', 'status');
  await expect(ann.page.locator(':is([aria-live], [role=status], [role=alert]) [data-testid=save-status]')).toHaveCount(0);
});
