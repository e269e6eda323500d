// Version history from the editor: name a version, edit on, restore it from the panel; every open page follows,
// and the content from just before the restore is kept as a version of its own.
import type { Page } from '@playwright/test';
import { adminApi, userSnapshots } from './support/admin-api';
import { documentText, expect, focusEnd, test } from './fixtures';

/** The version in the open history panel whose title is exactly `title`. */
function versionTitled(page: Page, title: string | RegExp) {
  const exact = typeof title === 'string' ? new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : title;
  return page
    .getByTestId('history')
    .getByTestId('version')
    .filter({ has: page.locator('.version-title', { hasText: exact }) });
}

/** Names the document's current state through the user API, as the editor's history panel does. */
async function nameVersion(tandem: { url: string }, docName: string, label: string): Promise<void> {
  const response = await fetch(`${tandem.url}/api/docs/${docName}/snapshots`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ label }),
  });
  expect(response.status).toBe(201);
}

test('restoring a named version from the history panel reaches every page and keeps the pre-restore version', async ({ openUser, tandem, docName }) => {
  const ann = await openUser('Ann');
  const ben = await openUser('Ben');
  await focusEnd(ann);
  await ann.page.keyboard.type('# Draft');
  await ann.page.keyboard.press('Enter');
  await ann.page.keyboard.type('The first words.');
  await expect.poll(() => documentText(ben)).toBe('Draft\nThe first words.');
  await expect(ann.page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');

  // Ben has his history open, empty for now.
  await ben.page.getByTestId('history-open').click();
  await expect(ben.page.getByTestId('history')).toContainText('No versions yet');

  // Ann names the current state from the history panel.
  await ann.page.getByTestId('history-open').click();
  const history = ann.page.getByTestId('history');
  await expect(history).toBeVisible();
  await history.getByLabel('Name this version').fill('First draft');
  await history.locator('button[data-action=create-version]').click();
  await expect(versionTitled(ann.page, 'First draft')).toHaveCount(1);
  await expect(history.getByTestId('version-label')).toHaveValue('');
  await expect(history.getByTestId('history-error')).toHaveCount(0);
  // Ben's open list shows it too, without him doing anything.
  await expect(versionTitled(ben.page, 'First draft')).toHaveCount(1);

  // Both of them edit on.
  await focusEnd(ann);
  await ann.page.keyboard.type(' Then a rewrite.');
  await focusEnd(ben);
  await ben.page.keyboard.press('Enter');
  await ben.page.keyboard.type('Ben was here.');
  const edited = 'Draft\nThe first words. Then a rewrite.\nBen was here.';
  for (const user of [ann, ben]) await expect.poll(() => documentText(user)).toBe(edited);
  for (const user of [ann, ben]) await expect(user.page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');

  // Ann restores the named version from the panel.
  await versionTitled(ann.page, 'First draft').locator('button[data-action=restore]').click();
  for (const user of [ann, ben]) {
    await expect.poll(() => documentText(user)).toBe('Draft\nThe first words.');
    await expect(user.editable.locator('h1')).toHaveText('Draft');
  }
  await expect(history.getByTestId('history-notice')).toContainText('Restored “First draft”');
  // Read out to a screen reader, by the region that was on the page before the notice came (a new one may go unread).
  await expect(ann.page.getByTestId('page-announcement')).toContainText('Restored “First draft”. Everyone in the document now sees that version.');
  await expect(history.getByTestId('history-error')).toHaveCount(0);

  // The version made automatically before the restore is listed in the panel (newest first, so above the named one)…
  const before = versionTitled(ann.page, 'Before restoring First draft');
  await expect(before).toHaveCount(1);
  const titles = await history.getByTestId('version').locator('.version-title').allInnerTexts();
  expect(titles.indexOf('Before restoring First draft')).toBeLessThan(titles.indexOf('First draft'));

  // …and previewable there, showing the pre-restore text; to a screen reader its buttons name the version.
  await expect(before.locator('button[data-action=preview]')).toHaveAccessibleDescription('Before restoring First draft');
  await expect(before.locator('button[data-action=restore]')).toHaveAccessibleDescription('Before restoring First draft');
  await before.locator('button[data-action=preview]').click();
  // The focus stays on the button (it says Hide now), not dropped to the page while the preview loaded.
  await expect(before.locator('button[data-action=preview]')).toBeFocused();
  const preview = history.getByTestId('version-preview');
  await expect(preview).toContainText('The first words. Then a rewrite.');
  await expect(preview).toContainText('Ben was here.');
  // Escape closes the preview, then the panel; the History button opens it again.
  await ann.page.keyboard.press('Escape');
  await expect(preview).toHaveCount(0);
  await expect(history).toBeVisible();
  await ann.page.keyboard.press('Escape');
  await expect(history).toHaveCount(0);
  await ann.page.getByTestId('history-open').click();
  await expect(history).toBeVisible();
  // With the Download menu open over it, one Escape closes only the menu.
  await ann.page.getByRole('button', { name: 'Download' }).click();
  const formats = ann.page.getByRole('menu');
  await expect(formats).toBeVisible();
  await ann.page.keyboard.press('Escape');
  await expect(formats).toHaveCount(0);
  await expect(history).toBeVisible();

  // …and through the user API, with the named version still there too.
  const listed = await userSnapshots(tandem, docName);
  const previous = listed.find((snapshot) => snapshot.label === 'Before restoring First draft');
  expect(previous, JSON.stringify(listed)).toBeDefined();
  expect(listed.some((snapshot) => snapshot.label === 'First draft')).toBe(true);

  // …and exportable: its export holds the pre-restore text, while the document holds the restored one.
  const admin = adminApi(tandem);
  const previousText = await admin.exportSnapshot(docName, previous!.id, 'text');
  expect(previousText).toContain('The first words. Then a rewrite.');
  expect(previousText).toContain('Ben was here.');
  const previousMarkdown = await admin.exportSnapshot(docName, previous!.id, 'markdown');
  // ` +`: under heavy load Lexical's `# ` shortcut may keep its space in the heading (see documents.spec.ts).
  expect(previousMarkdown).toMatch(/^# +Draft$/m);
  expect(previousMarkdown).toMatch(/^The first words\. Then a rewrite\.$/m);
  expect(previousMarkdown).toMatch(/^Ben was here\.$/m);
  const userExport = await fetch(`${tandem.url}/api/docs/${docName}/snapshots/${previous!.id}/export?format=text`);
  expect(userExport.status).toBe(200);
  expect(await userExport.text()).toBe(previousText);
  const current = await admin.exportDoc(docName, 'text');
  expect(current).toContain('The first words.');
  expect(current).not.toContain('Then a rewrite.');
  expect(current).not.toContain('Ben was here.');

  // The restored document is live for both: an edit after it reaches the other page.
  await focusEnd(ben);
  await ben.page.keyboard.type(' Again.');
  await expect.poll(() => documentText(ann)).toBe('Draft\nThe first words. Again.');
});

test('after someone restores a version, the others are told, their history lists it, and their undo cannot bring the old text back', async ({ openUser, tandem, docName }) => {
  const ann = await openUser('Ann');
  const ben = await openUser('Ben');
  await focusEnd(ann);
  // The heading shortcut and the Backspace put deletions into Ann's undo history: undoing them after the restore
  // would bring pieces of the replaced text back.
  await ann.page.keyboard.type('# Title');
  await ann.page.keyboard.press('Enter');
  await ann.page.keyboard.type('onx');
  await ann.page.keyboard.press('Backspace');
  await ann.page.keyboard.type('e');
  await expect.poll(() => documentText(ben)).toBe('Title\none');
  await expect(ann.page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  await nameVersion(tandem, docName, 'v1');
  await ann.page.keyboard.type(' two');
  await expect.poll(() => documentText(ben)).toBe('Title\none two');
  await ann.page.getByTestId('history-open').click();
  await expect(versionTitled(ann.page, 'v1')).toHaveCount(1);

  await ben.page.getByTestId('history-open').click();
  await versionTitled(ben.page, 'v1').locator('button[data-action=restore]').click();
  await expect.poll(() => documentText(ann)).toBe('Title\none');
  await expect(ann.page.getByTestId('replaced-banner')).toContainText('Ben restored the version “v1”.');
  // Ben's own panel already tells him; the banner is for the others.
  await expect(ben.page.getByTestId('history-notice')).toContainText('Restored “v1”');
  await expect(ben.page.getByTestId('replaced-banner')).toHaveCount(0);
  // Ann's open panel lists the version kept from before the restore, without being reopened.
  await expect(versionTitled(ann.page, 'Before restoring v1')).toHaveCount(1);

  await expect(ann.page.getByTestId('toolbar').locator('button[data-action=undo]')).toBeDisabled();
  await ann.editable.click();
  for (let press = 0; press < 3; press++) await ann.page.keyboard.press('Control+z');
  await expect(ann.page.getByTestId('toolbar').locator('button[data-action=undo]')).toBeDisabled();
  expect(await documentText(ann)).toBe('Title\none');

  // Ben takes his restore back from the panel's notice: the content from before it returns for both.
  await ben.page.getByTestId('history').locator('button[data-action=undo-restore]').click();
  for (const user of [ann, ben]) await expect.poll(() => documentText(user)).toBe('Title\none two');
  // Named for what it was, on Ann's page and in the versions kept.
  await expect(ann.page.getByTestId('replaced-banner')).toContainText('Ben undid the restore of “v1”');
  await expect(versionTitled(ann.page, 'Before undoing the restore of v1')).toHaveCount(1);
  await focusEnd(ann);
  await ann.page.keyboard.type('!');
  await expect.poll(() => documentText(ben)).toBe('Title\none two!');

  // Once someone writes after a restore, its Undo is withdrawn: it would throw their words away.
  await versionTitled(ben.page, 'v1').locator('button[data-action=restore]').click();
  await expect.poll(() => documentText(ann)).toBe('Title\none');
  const undoRestore = ben.page.getByTestId('history').locator('button[data-action=undo-restore]');
  await expect(undoRestore).toHaveCount(1);
  await focusEnd(ann);
  await ann.page.keyboard.type(' and more');
  await expect.poll(() => documentText(ben)).toBe('Title\none and more');
  await expect(undoRestore).toHaveCount(0);

  // Ann restores after him: Ben's notice ("Everyone now sees that version") is no longer true, and goes.
  const benNotice = ben.page.getByTestId('history').locator('.history-notice');
  await expect(benNotice).toContainText('Restored “v1”');
  await versionTitled(ann.page, 'v1').locator('button[data-action=restore]').click();
  await expect(ben.page.getByTestId('replaced-banner')).toContainText('Ann restored the version “v1”.');
  await expect(benNotice).toHaveCount(0);

  // Ben restores once more himself: his panel says so, and the banner about Ann's restore, old news now, goes.
  await versionTitled(ben.page, 'v1').locator('button[data-action=restore]').click();
  await expect(benNotice).toContainText('Restored “v1”');
  await expect(ben.page.getByTestId('replaced-banner')).toHaveCount(0);
  await expect(ann.page.getByTestId('replaced-banner')).toContainText('Ben restored the version “v1”.');
});

test('words someone typed against the text a restore replaced are kept in a version of their own', async ({ openUser, tandem, docName }) => {
  const ann = await openUser('Ann');
  const ben = await openUser('Ben');
  await focusEnd(ann);
  await ann.page.keyboard.type('The first words.');
  await expect(ann.page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  await nameVersion(tandem, docName, 'First draft');
  await ann.page.keyboard.type(' Then a rewrite.');
  await ann.page.getByTestId('history-open').click();
  const history = ann.page.getByTestId('history');
  await expect.poll(() => documentText(ben)).toBe('The first words. Then a rewrite.');

  // Ben's words are on their way (his network is down) when Ann restores the first draft.
  await ben.context.setOffline(true);
  await expect(ben.page.getByTestId('connection-status')).toHaveAttribute('data-state', 'offline');
  await focusEnd(ben);
  await ben.page.keyboard.type(' Ben adds this.');
  await versionTitled(ann.page, 'First draft').locator('button[data-action=restore]').click();
  await expect.poll(() => documentText(ann)).toBe('The first words.');
  await ben.context.setOffline(false);
  await expect(ben.page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected', { timeout: 20_000 });
  // They were written into the paragraph the restore replaced, so the document cannot show them…
  await expect.poll(() => documentText(ben)).toBe('The first words.');
  // …but they are not lost: a version holds the text as it was, with them in it, and Ben's page says which.
  const label = 'Edits made during the restore of First draft';
  await expect(ben.page.getByTestId('replaced-banner')).toContainText(`While you were offline: Ann restored the version “First draft”. Words you typed meanwhile in the text it replaced are kept in History, in “${label}”.`);
  await expect.poll(async () => (await adminApi(tandem).listSnapshots(docName)).map((v) => v.label), { timeout: 20_000 }).toContain(label);
  // Ann's panel, open all along, lists it without being asked (the server made it, so no page announced it).
  await expect(versionTitled(ann.page, label)).toBeVisible();
  // Escape in the text is the first step out of the editor: it leaves the panel open.
  await focusEnd(ann);
  await ann.page.keyboard.press('Escape');
  await expect(history).toBeVisible();
  await ann.page.getByTestId('history-close').click();
  await expect(history).toHaveCount(0);
  await ann.page.getByTestId('history-open').click();
  await versionTitled(ann.page, label).locator('button[data-action=preview]').click();
  await expect(history.getByTestId('version-preview')).toContainText('The first words. Then a rewrite. Ben adds this.');
});

test('the history panel takes the keyboard when opened and gives it back to the History button when closed', async ({ openUser }) => {
  const ann = await openUser('Ann');
  // A new document puts the caret in the text once it is editable; the panel is opened after that.
  await expect(ann.editable).toBeFocused();
  const open = ann.page.getByTestId('history-open');
  await open.focus();
  await ann.page.keyboard.press('Enter');
  await expect(ann.page.getByTestId('history').getByTestId('version-label')).toBeFocused();
  await ann.page.keyboard.type('Checkpoint');
  await ann.page.keyboard.press('Enter');
  await expect(versionTitled(ann.page, 'Checkpoint')).toHaveCount(1);
  await ann.page.keyboard.press('Escape');
  await expect(ann.page.getByTestId('history')).toHaveCount(0);
  await expect(open).toBeFocused();
});

test('on a phone, the history panel opens without focusing its name field, so no keyboard covers the versions', async ({ browser, tandem, docName }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  try {
    const page = await context.newPage();
    await page.goto(`${tandem.url}/d/${docName}?name=Ann`);
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
    await page.getByTestId('history-open').tap();
    const panel = page.getByTestId('history');
    await expect(panel.getByTestId('history-close')).toBeFocused();
    await expect(panel.getByTestId('version-label')).not.toBeFocused();
  } finally {
    await context.close();
  }
});

test('with the history panel open, the text is centred in the room left of it, narrower where that room is', async ({ openUser }) => {
  const ann = await openUser('Ann');
  const { page } = ann;
  await page.getByTestId('history-open').click();
  const panel = page.getByTestId('history');
  await expect(panel).toBeVisible();
  const text = page.getByTestId('editor');
  for (const width of [1000, 1280, 1600]) {
    await page.setViewportSize({ width, height: 800 });
    await expect
      .poll(async () => {
        const [textBox, panelBox] = [await text.boundingBox(), await panel.boundingBox()];
        const leftGap = textBox!.x;
        const rightGap = panelBox!.x - (textBox!.x + textBox!.width);
        return { width, isUnderPanel: rightGap < 0, isOffCentre: Math.abs(leftGap - rightGap) > 1 };
      })
      .toEqual({ width, isUnderPanel: false, isOffCentre: false });
  }
});

test('after someone else restores a version, the caret starts again beside the same words, and typing goes on there', async ({ openUser, tandem, docName }) => {
  const ann = await openUser('Ann');
  const ben = await openUser('Ben');
  await focusEnd(ann);
  await ann.page.keyboard.type('# Title here');
  await ann.page.keyboard.press('Enter');
  await ann.page.keyboard.type('Para one.');
  await expect.poll(() => documentText(ben)).toBe('Title here\nPara one.');
  await expect(ann.page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  await nameVersion(tandem, docName, 'V1');
  await focusEnd(ben);
  await ben.page.keyboard.type(' Bob sentence.');
  await expect.poll(() => documentText(ann)).toBe('Title here\nPara one. Bob sentence.');
  // Ben's caret goes back to just after "Para".
  await ben.page.keyboard.press('Home');
  for (let press = 0; press < 4; press++) await ben.page.keyboard.press('ArrowRight');

  await ann.page.getByTestId('history-open').click();
  await versionTitled(ann.page, 'V1').locator('button[data-action=restore]').click();
  await expect(ben.page.getByTestId('replaced-banner')).toContainText('Ann restored the version “V1”.');
  await expect.poll(() => documentText(ben)).toBe('Title here\nPara one.');
  await ben.page.keyboard.type('XYZ');
  await expect.poll(() => documentText(ann)).toBe('Title here\nParaXYZ one.');
});

test('someone typing at the end of a line a restore takes their words from types on at the end of that line, not in the title', async ({ openUser, tandem, docName }) => {
  const ann = await openUser('Ann');
  const ben = await openUser('Ben');
  await focusEnd(ann);
  await ann.page.keyboard.type('# Team notes');
  await ann.page.keyboard.press('Enter');
  await ann.page.keyboard.type('Second paragraph here.');
  await expect.poll(() => documentText(ben)).toBe('Team notes\nSecond paragraph here.');
  await expect(ann.page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  await nameVersion(tandem, docName, 'V1');
  await focusEnd(ben);
  await ben.page.keyboard.type(' Ben adds more.');
  await expect.poll(() => documentText(ann)).toBe('Team notes\nSecond paragraph here. Ben adds more.');

  await ann.page.getByTestId('history-open').click();
  await versionTitled(ann.page, 'V1').locator('button[data-action=restore]').click();
  await expect(ben.page.getByTestId('replaced-banner')).toContainText('Ann restored the version “V1”.');
  await expect.poll(() => documentText(ben)).toBe('Team notes\nSecond paragraph here.');
  await ben.page.keyboard.type(' Then more.');
  await expect.poll(() => documentText(ann)).toBe('Team notes\nSecond paragraph here. Then more.');
});

test('a preview shows its changes against the document now, and follows others\' typing', async ({ openUser, tandem, docName }) => {
  const ann = await openUser('Ann');
  const ben = await openUser('Ben');
  await focusEnd(ann);
  await ann.page.keyboard.type('We leave at nine.');
  await ann.page.keyboard.press('Enter');
  await ann.page.keyboard.type('Dinner at the lodge.');
  await expect(ann.page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  await nameVersion(tandem, docName, 'First draft');
  await ann.page.keyboard.press('Control+Home');
  await ann.page.keyboard.press('End');
  await ann.page.keyboard.press('Backspace');
  await ann.page.keyboard.type(', or ten.');
  await expect.poll(() => documentText(ben)).toBe('We leave at nine, or ten.\nDinner at the lodge.');

  await ann.page.getByTestId('history-open').click();
  await versionTitled(ann.page, 'First draft').locator('button[data-action=preview]').click();
  const preview = ann.page.getByTestId('version-preview');
  await expect(preview).toContainText('We leave at nine.');
  await expect(preview.locator('del, ins')).toHaveCount(0);
  await preview.locator('button[data-action=show-changes]').click();
  await expect(preview.locator('.preview-prose del')).toHaveText([', or ten']);
  await expect(preview.locator('.preview-prose ins')).toHaveCount(0);
  await expect(preview.getByTestId('version-changes-key')).toContainText('1 change');
  // The same words as a heading now: marked too, where the key once said the version read the same.
  await ann.editable.getByText('Dinner at the lodge.').click();
  await ann.page.keyboard.press('Control+Alt+2');
  await expect(preview.locator('.change-formatted')).toHaveText('Dinner at the lodge.');
  await expect(preview.getByTestId('version-changes-key')).toContainText('2 changes');
  await preview.locator('button[data-action=next-change]').click();
  await expect(preview.locator('.change-current')).toHaveText('Dinner at the lodge.');

  // Ben adds a line: it shows struck through, as something a restore would take away.
  await focusEnd(ben);
  await ben.page.keyboard.press('Enter');
  await ben.page.keyboard.type('Maps are in the car.');
  await expect(preview.locator('.change-removed')).toHaveText('Maps are in the car.');
  await preview.locator('button[data-action=show-changes]').click();
  await expect(preview.locator('del, ins, .change-removed')).toHaveCount(0);
  await expect(preview.locator('.preview-prose')).toHaveText(/We leave at nine\.\s*Dinner at the lodge\./);
});

test('a version previews in full even when the history lists many versions', async ({ openUser, tandem, docName }) => {
  const ann = await openUser('Ann');
  await focusEnd(ann);
  await ann.page.keyboard.type('Words worth keeping.');
  await expect(ann.page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  for (let i = 1; i <= 12; i++) await nameVersion(tandem, docName, `Version ${i}`);
  await ann.page.getByTestId('history-open').click();
  await expect(ann.page.getByTestId('history').getByTestId('version')).toHaveCount(12);
  await versionTitled(ann.page, 'Version 1').locator('button[data-action=preview]').click();
  const preview = ann.page.getByTestId('version-preview');
  await expect(preview).toContainText('Words worth keeping.');
  await preview.scrollIntoViewIfNeeded();
  await expect(preview.getByText('Words worth keeping.')).toBeInViewport();
  expect((await preview.boundingBox())!.height).toBeGreaterThan(60);
});

test('a history panel opened offline lists the versions by itself once the connection returns', async ({ openUser, tandem, docName }) => {
  const ann = await openUser('Ann');
  await focusEnd(ann);
  await ann.page.keyboard.type('Words worth keeping.');
  await expect(ann.page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  await nameVersion(tandem, docName, 'Kept');
  await ann.context.setOffline(true);
  await expect(ann.page.getByTestId('connection-status')).toHaveAttribute('data-state', 'offline');
  await ann.page.getByTestId('history-open').click();
  await expect(ann.page.getByTestId('history-error')).toBeVisible();
  await ann.context.setOffline(false);
  await expect(ann.page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected', { timeout: 20_000 });
  await expect(versionTitled(ann.page, 'Kept')).toHaveCount(1);
  await expect(ann.page.getByTestId('history-error')).toHaveCount(0);
});
