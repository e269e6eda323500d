// What a viewer drops or pastes on the document's text: it is not added, and the page says why, where before nothing
// happened at all. The page takes the drop itself, leaving nothing to the browser's default drop.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { Browser, Locator } from '@playwright/test';
import { mintToken } from '../server/src/auth/tokens';
import { expect, test, type User } from './fixtures';
import { adminApi } from './support/admin-api';
import { useSecuredServer } from './support/secured-server';

const AUTH_SECRET = 'e2e-view-only-drops-secret-0123456789';

const { server, contexts } = useSecuredServer(test, AUTH_SECRET);

async function openAs(browser: Browser, doc: string, name: string, role: 'editor' | 'viewer'): Promise<User> {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  const token = await mintToken({ secret: AUTH_SECRET, sub: name, name, doc, role, ttlSeconds: 3600 });
  await page.goto(`${server().url}/d/${doc}?token=${token}`);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
  return { name, page, context, editable: page.locator('[data-testid=editor] .editor-content') };
}

/** What a drag from another program carries: files (paths on disk), or data by type. */
type Dragged = { readonly files: readonly string[] } | { readonly data: Readonly<Record<string, string>> };

/**
 * Drags `dragged` onto the middle of `target` and drops it, as the browser gets a drag from another program (through
 * the DevTools protocol: the page's own listeners decide, and the browser's default drop follows when they do not).
 */
async function dragAndDrop(user: User, target: Locator, dragged: Dragged): Promise<void> {
  const box = (await target.boundingBox())!;
  const session = await user.context.newCDPSession(user.page);
  const items = 'data' in dragged ? Object.entries(dragged.data).map(([mimeType, data]) => ({ mimeType, data })) : [];
  // 1: a copy, which files from a file manager, and links and text from another program, allow.
  const data = { items, files: 'files' in dragged ? [...dragged.files] : undefined, dragOperationsMask: 1 };
  const at = { x: box.x + box.width / 2, y: box.y + Math.min(box.height / 2, 20) };
  for (const type of ['dragEnter', 'dragOver', 'drop'] as const) await session.send('Input.dispatchDragEvent', { type, ...at, data });
  await session.detach();
}

test('a viewer who drops a picture, a link or text on the document, or pastes there, is told it was not added', async ({ browser }, testInfo) => {
  const doc = `e2e-viewer-${randomBytes(5).toString('hex')}`;
  const ann = await openAs(browser, doc, 'Ann', 'editor');
  await adminApi(server()).importDoc(doc, 'markdown', 'Holiday plans\n');
  const vic = await openAs(browser, doc, 'Vic', 'viewer');
  await expect(vic.page.getByTestId('editor')).toHaveAttribute('data-readonly', 'true');
  await expect(vic.editable).toHaveText('Holiday plans');
  const notice = vic.page.getByTestId('files-not-added');

  const address = vic.page.url();
  const picture = testInfo.outputPath('beach.png');
  writeFileSync(picture, 'not really a picture');
  // Before, the viewer's page said nothing: a file was refused on the way (so no drop came), a link or text was left to
  // the browser. Now the page takes each drop itself, and the tab stays on the document.
  await dragAndDrop(vic, vic.editable, { files: [picture] });
  await expect(notice).toHaveText(/This document is view-only\.\s*beach\.png was not added\./);
  // Read out to a screen reader, by the region that was on the page before the notice came (a new one may go unread).
  await expect(vic.page.getByTestId('page-announcement')).toHaveText(/^This document is view-only\. beach\.png was not added\.$/);
  await dragAndDrop(vic, vic.editable, { data: { 'text/uri-list': 'https://example.com/', 'text/plain': 'https://example.com/' } });
  await expect(notice).toHaveText(/This document is view-only\.\s*The link was not added\./);
  await dragAndDrop(vic, vic.editable, { data: { 'text/plain': 'Bring towels' } });
  await expect(notice).toHaveText(/This document is view-only\.\s*The text was not added\./);
  expect(vic.page.url()).toBe(address);

  // Read-only text cannot take the focus: a paste after a click in it reaches the page's body, the selection in the text.
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
  await vic.editable.click();
  await vic.page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', 'Bring towels');
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(notice).toHaveText(/This document is view-only\.\s*What you pasted was not added\./);

  await expect(vic.editable).toHaveText('Holiday plans');
  await expect(ann.editable).toHaveText('Holiday plans');
  // The notice is the viewer's own: the editor is told nothing.
  await expect(ann.page.getByTestId('files-not-added')).toHaveCount(0);
});

test("on a phone, the viewer's view-only notice is inset from the screen's edges, as the bar's notices are", async ({ browser }) => {
  const doc = `e2e-viewer-${randomBytes(5).toString('hex')}`;
  await openAs(browser, doc, 'Ann', 'editor');
  const vic = await openAs(browser, doc, 'Vic', 'viewer');
  await vic.page.setViewportSize({ width: 375, height: 700 });
  // Before, it ran from edge to edge (0 to 375), under a drop's notice inset 16 px on each side.
  await expect.poll(async () => {
    const box = (await vic.page.getByTestId('view-only').boundingBox())!;
    return [box.x, box.x + box.width];
  }).toEqual([16, 359]);
  await dragAndDrop(vic, vic.editable, { data: { 'text/plain': 'Bring towels' } });
  const dropped = (await vic.page.getByTestId('files-not-added').boundingBox())!;
  expect([dropped.x, dropped.x + dropped.width]).toEqual([16, 359]);
});
