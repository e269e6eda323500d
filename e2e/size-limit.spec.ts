// A change too large for the server's MAX_DOC_BYTES (4413): the page says the change was refused, not that the
// document is full; the others go on editing; and the person gets out with nothing lost that they cannot get back:
// a download of their copy, then discarding what the server refused, after which they edit again at once and a
// reload does not bring the refused change back.
import { readFile } from 'node:fs/promises';
import { adminApi } from './support/admin-api';
import { startTandem, type TandemServer } from './support/tandem-server';
import { test as base, documentText, expect, focusEnd, type User } from './fixtures';

/** One import of `startingText` is about 23 KB here: room left for typing, not for `pastedText`. */
const MAX_DOC_BYTES = 30_000;

const test = base.extend<object, { tandem: TandemServer }>({
  tandem: [
    async ({}, use) => {
      const server = await startTandem({ MAX_DOC_BYTES: String(MAX_DOC_BYTES) });
      await use(server);
      await server.stop();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
});

const startingText = Array.from({ length: 60 }, (_, i) => `Paragraph number ${i + 1} of the capacity test, with enough words to take some room.`).join('\n\n');
const PASTE_MARK = 'Pasted line';
const pastedText = Array.from({ length: 80 }, (_, i) => `${PASTE_MARK} ${i + 1}: a long line copied from somewhere else, far too much for the room left.`).join('\n');

/** Pastes plain text at the caret, as Ctrl+V of text copied from another program does. */
async function pastePlainText(user: User, text: string): Promise<void> {
  await user.editable.evaluate((element, pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

test('a paste too large for the document is refused for its sender only, who downloads it, discards it and edits again', async ({ openUser, tandem, docName }) => {
  await adminApi(tandem).importDoc(docName, 'markdown', startingText);
  const alice = await openUser('Alice');
  const bob = await openUser('Bob');
  await expect(alice.editable.locator(':scope > p')).toHaveCount(60);

  await focusEnd(alice);
  await pastePlainText(alice, pastedText);
  const refused = alice.page.getByTestId('refused-change-banner');
  await expect(refused).toContainText('Not saved. Your latest changes would make this document larger than this server allows.');
  await expect(refused).toContainText('everyone else goes on editing');
  await expect(refused).toHaveAttribute('data-close-code', '4413');
  await expect(alice.page.getByTestId('stopped-banner')).toHaveCount(0);
  await expect(alice.page.getByTestId('editor')).toHaveAttribute('data-readonly', 'true');
  await expect(alice.page.getByTestId('save-status')).toHaveAttribute('data-detail', 'refused');
  await expect(alice.page.getByTestId('save-status')).toHaveText('Not saved');

  // The document is not full for Bob: he goes on editing, and never receives the paste.
  await focusEnd(bob);
  await bob.page.keyboard.type(' Bob goes on.');
  await expect(bob.page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  expect(await documentText(bob)).not.toContain(PASTE_MARK);

  // A reload sends the paste again from this browser's copy: refused again, with the same way out.
  await alice.page.reload();
  await expect(alice.page.getByTestId('refused-change-banner')).toHaveAttribute('data-close-code', '4413');
  // Read-only meanwhile, so typing cannot go on in a copy that cannot be saved; the paste is still shown here.
  await expect(alice.page.getByTestId('editor')).toHaveAttribute('data-readonly', 'true');
  await expect(alice.page.locator('[data-testid=editor] [contenteditable=false]')).toContainText(`${PASTE_MARK} 80`);

  const [download] = await Promise.all([alice.page.waitForEvent('download'), refused.getByRole('button', { name: 'Download my copy' }).click()]);
  const copy = await readFile(await download.path(), 'utf8');
  expect(copy).toContain(`${PASTE_MARK} 1:`);
  expect(copy).toContain(`${PASTE_MARK} 80:`);
  await expect(refused.getByTestId('refused-change-downloaded')).toContainText('.md');

  await refused.getByRole('button', { name: 'Discard my unsaved changes' }).click();
  await expect(refused).toContainText('Your download keeps them.');
  await refused.getByRole('button', { name: 'Discard', exact: true }).click();

  await expect(alice.page.getByTestId('discarded-banner')).toContainText('Back to the saved document.');
  await expect(alice.page.getByTestId('refused-change-banner')).toHaveCount(0);
  await expect(alice.page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
  await expect(alice.page.getByTestId('editor')).toHaveAttribute('data-readonly', 'false');
  await expect.poll(() => documentText(alice)).toContain('Bob goes on.');
  expect(await documentText(alice)).not.toContain(PASTE_MARK);
  await expect(alice.page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');

  await focusEnd(alice);
  await alice.page.keyboard.type(' Alice again.');
  await expect.poll(() => documentText(bob)).toContain('Bob goes on. Alice again.');
  await expect(alice.page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');

  await alice.page.reload();
  await expect(alice.page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
  await expect.poll(() => documentText(alice)).toContain('Bob goes on. Alice again.');
  await expect(alice.page.getByTestId('refused-change-banner')).toHaveCount(0);
  await expect(alice.page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  expect(await documentText(alice)).not.toContain(PASTE_MARK);
  expect(await documentText(bob)).not.toContain(PASTE_MARK);
  expect(await adminApi(tandem).exportDoc(docName, 'text')).not.toContain(PASTE_MARK);
});
