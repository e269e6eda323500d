// Content survives a reload and a server restart mid-session; open pages reconnect by themselves.
import { documentText, expect, focusEnd, test } from './fixtures';

test('content survives a page reload and a server restart, and open pages reconnect', async ({ openUser, tandem }) => {
  const ann = await openUser('Ann');
  const ben = await openUser('Ben');
  await focusEnd(ann);
  await ann.page.keyboard.type('before restart');
  await expect(ann.page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');

  await ann.page.reload();
  await expect(ann.page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
  await expect.poll(() => documentText(ann)).toBe('before restart');

  await tandem.restart();
  for (const user of [ann, ben]) {
    await expect(user.page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });
  }
  await focusEnd(ben);
  await ben.page.keyboard.type(' and after');
  await expect.poll(() => documentText(ann)).toBe('before restart and after');
  await expect(ben.page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
});
