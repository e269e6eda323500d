// Documents in and out of the editor: what a user types exports as the page shows it, an admin import reaches
// open pages live, and the editor's Download menu hands over the document as the server holds it.
import { readFile } from 'node:fs/promises';
import { adminApi } from './support/admin-api';
import { documentText, expect, focusEnd, selectByKeys, test, type User } from './fixtures';

/** Non-empty lines, each trimmed, with inner runs of whitespace collapsed: text compared modulo layout. */
function normalizeText(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

/**
 * A Markdown block line: `marker`, one or more spaces, `text`. More than one space is allowed because under heavy
 * CPU load a Markdown shortcut now and then keeps the character that triggered it (the space after `#`, `-`, `>`;
 * the closing backtick of inline code): when over 100 ms pass between the keystroke and Lexical's MutationObserver
 * (Lexical 0.52's TEXT_MUTATION_VARIANCE), Lexical takes the typed character from the mutation, the shortcut then
 * converts the block, and Lexical's late `input` handler inserts the character a second time. The page shows it, the
 * export faithfully holds it (the text export is compared with the page exactly), and CommonMark reads `#  Title`
 * as the heading "Title".
 */
function markdownBlock(marker: string, text: string): RegExp {
  const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escape(marker)} +${escape(text)}$`, 'm');
}

/** Types a document using every formatting path a user has: Markdown shortcuts, key shortcuts and the toolbar. */
async function typeFormattedDocument(user: User): Promise<void> {
  const { page } = user;
  await focusEnd(user);
  await page.keyboard.type('# Trip plan');
  await page.keyboard.press('Enter');

  await page.keyboard.type('We go by ');
  await page.keyboard.press('Control+b');
  await page.keyboard.type('train');
  await page.keyboard.press('Control+b');
  await page.keyboard.type(' and stay ');
  await page.keyboard.press('Control+i');
  await page.keyboard.type('three nights');
  await page.keyboard.press('Control+i');
  await page.keyboard.type('.');
  await page.keyboard.press('Enter');

  await page.keyboard.type('- tickets');
  await page.keyboard.press('Enter');
  await page.keyboard.type('hotel');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter'); // an empty item leaves the list

  await page.keyboard.type('> Travel light.');
  await page.keyboard.press('Enter');

  await page.keyboard.type('Run `npm start` first.');
  await page.keyboard.press('Enter');

  await page.keyboard.type('Details on the website');
  await selectByKeys(page, 'Control+Shift+ArrowLeft', 'website');
  await page.getByTestId('toolbar').locator('button[data-action=link]').click();
  const linkInput = page.getByTestId('link-input');
  await expect(linkInput).toBeVisible();
  await linkInput.fill('https://example.com/trip');
  await linkInput.press('Enter');
  await expect(page.getByTestId('link-editor')).toHaveCount(0);
}

test('formatted text typed in the browser exports as Markdown, HTML and text matching the page', async ({ openUser, tandem, docName }) => {
  const ann = await openUser('Ann');
  await typeFormattedDocument(ann);

  // The page itself shows every format before anything is compared with the exports.
  const { editable } = ann;
  await expect(editable.locator('h1')).toHaveText('Trip plan');
  await expect(editable.locator('strong, b, .editor-text-bold').first()).toHaveText('train');
  await expect(editable.locator('em, i, .editor-text-italic').first()).toHaveText('three nights');
  await expect(editable.locator('ul > li')).toHaveText(['tickets', 'hotel']);
  await expect(editable.locator('blockquote')).toHaveText('Travel light.');
  await expect(editable.locator('code').first()).toHaveText('npm start');
  await expect(editable.locator('a')).toHaveText('website');
  await expect(editable.locator('a')).toHaveAttribute('href', 'https://example.com/trip');
  await expect(ann.page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');

  const admin = adminApi(tandem);
  // The page shows each bulleted item with its bullet; plain text writes it as "- ".
  const bulleted = new Set(await editable.locator('ul > li').allInnerTexts());
  const pageText = normalizeText(await editable.innerText())
    .split('\n')
    .map((line) => (bulleted.has(line) ? `- ${line}` : line))
    .join('\n');
  // "saved" means committed, so the exports already hold the last keystroke; polled anyway for the link's update.
  await expect.poll(async () => normalizeText(await admin.exportDoc(docName, 'text'))).toBe(pageText);

  const markdown = await admin.exportDoc(docName, 'markdown');
  const blocks = [
    markdownBlock('#', 'Trip plan'),
    /^We go by \*\*train\*\* and stay \*three nights\*\.$/m,
    markdownBlock('-', 'tickets'),
    markdownBlock('-', 'hotel'),
    markdownBlock('>', 'Travel light.'),
    // Not the whole line: the same race can repeat the closing backtick after the code (see markdownBlock).
    /^Run `npm start`/m,
    /^Details on the \[website\]\(https:\/\/example\.com\/trip\)$/m,
  ];
  for (const block of blocks) expect(markdown).toMatch(block);
  // Blocks come out in the order the page shows them.
  const positions = blocks.map((block) => markdown.search(block));
  expect(positions).toEqual([...positions].sort((a, b) => a - b));

  const html = await admin.exportDoc(docName, 'html');
  // Parsed by the browser, so the structure is compared rather than the serialization.
  const structure = await ann.page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'text/html');
    const text = (selector: string) => [...doc.querySelectorAll(selector)].map((node) => node.textContent?.trim() ?? '');
    return {
      h1: text('h1'),
      bold: text('strong, b'),
      italic: text('em, i'),
      items: text('ul > li'),
      quote: text('blockquote'),
      code: text('code'),
      links: [...doc.querySelectorAll('a')].map((a) => ({ text: a.textContent?.trim(), href: a.getAttribute('href') })),
      bodyText: doc.body.innerText ?? doc.body.textContent ?? '',
    };
  }, html);
  expect(structure.h1).toEqual(['Trip plan']);
  expect(structure.bold).toContain('train');
  expect(structure.italic).toContain('three nights');
  expect(structure.items).toEqual(['tickets', 'hotel']);
  expect(structure.quote).toEqual(['Travel light.']);
  expect(structure.code).toContain('npm start');
  expect(structure.links).toEqual([{ text: 'website', href: 'https://example.com/trip' }]);
});

test('a Markdown link typed to a target the editor refuses stays the text as typed; one to a web address becomes a link', async ({ openUser, tandem, docName }) => {
  const ann = await openUser('Ann');
  await focusEnd(ann);
  await ann.page.keyboard.type('And [rel](x) there.');
  await ann.page.keyboard.press('Enter');
  await ann.page.keyboard.type('See [the docs](https://example.com/docs) now.');

  const { editable } = ann;
  await expect(editable.locator('a')).toHaveText(['the docs']);
  await expect(editable.locator('a')).toHaveAttribute('href', 'https://example.com/docs');
  expect(await documentText(ann)).toBe('And [rel](x) there.\nSee the docs now.');
  await expect(ann.page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  // Escaped on export so that it reads back as text, not as the link the editor refused.
  const markdown = await adminApi(tandem).exportDoc(docName, 'markdown');
  expect(markdown).toBe('And \\[rel\\](x) there.\n\nSee [the docs](https://example.com/docs) now.\n');
});

test('an admin import replaces the content on every open page without a reload', async ({ openUser, tandem, docName }) => {
  const ann = await openUser('Ann');
  const ben = await openUser('Ben');
  await focusEnd(ann);
  await ann.page.keyboard.type('old content');
  await expect.poll(() => documentText(ben)).toBe('old content');
  await expect(ann.page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');

  // Marks each page, so a reload (which would drop the mark) cannot pass for a live update.
  for (const user of [ann, ben]) await user.page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

  const markdown = ['# Imported plan', '', 'Pack **light** and *early*.', '', '- passport', '- charger', '', '> See you there.', ''].join('\n');
  await adminApi(tandem).importDoc(docName, 'markdown', markdown);

  for (const user of [ann, ben]) {
    const { editable } = user;
    await expect(editable.locator('h1')).toHaveText('Imported plan');
    await expect(editable.locator('strong, b, .editor-text-bold')).toHaveText('light');
    await expect(editable.locator('em, i, .editor-text-italic')).toHaveText('early');
    await expect(editable.locator('ul > li')).toHaveText(['passport', 'charger']);
    await expect(editable.locator('blockquote')).toHaveText('See you there.');
    await expect.poll(() => documentText(user)).toBe('Imported plan\nPack light and early.\npassport\ncharger\nSee you there.');
    expect(await user.page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    await expect(user.page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
  }

  // The imported document is live: an edit after it reaches the other page.
  await focusEnd(ben);
  await ben.page.keyboard.type(' Bye.');
  await expect.poll(() => documentText(ann)).toBe('Imported plan\nPack light and early.\npassport\ncharger\nSee you there. Bye.');
});

test('at the end of a long document, the notices of an import and of a deletion show in view, above the line being typed', async ({ openUser, tandem, docName }) => {
  const lines = Array.from({ length: 80 }, (_, i) => `Paragraph number ${i + 1}`);
  await adminApi(tandem).importDoc(docName, 'markdown', lines.join('\n\n'));
  const ann = await openUser('Ann');
  const { page } = ann;
  await expect(ann.editable.locator(':scope > p')).toHaveCount(80);
  await focusEnd(ann);
  await page.keyboard.type(' and more');
  await expect(ann.editable.locator(':scope > p').last()).toHaveText('Paragraph number 80 and more');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  // Not `editable`: once the document is deleted the text is no longer contenteditable=true.
  const lastLine = page.locator('[data-testid=editor] [contenteditable] > p').last();
  /** The notice is on screen, and the line with the caret is still in view, below the notice rather than under it. */
  const expectInViewAboveLastLine = async (notice: ReturnType<typeof page.getByTestId>) => {
    await expect(notice).toBeInViewport({ ratio: 1 });
    await expect(lastLine).toBeInViewport({ ratio: 0.9 }); // the browser scrolls the caret's line to the edge, not past it
    const [noticeBox, lineBox] = [await notice.boundingBox(), await lastLine.boundingBox()];
    expect(noticeBox!.y + noticeBox!.height).toBeLessThanOrEqual(lineBox!.y);
  };

  await adminApi(tandem).importDoc(docName, 'markdown', [...lines, 'The imported end.'].join('\n\n'));
  await expect(ann.editable.locator(':scope > p')).toHaveCount(81);
  // Typing was held while the new content arrived; the caret is back (at its top) once it may type again.
  await expect(ann.editable).toBeFocused();
  await focusEnd(ann);
  await page.keyboard.type(' typed');
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
  await expectInViewAboveLastLine(page.getByTestId('replaced-banner'));

  await adminApi(tandem).deleteDoc(docName);
  const stopped = page.getByTestId('stopped-banner');
  await expect(stopped).toContainText('This document was deleted.');
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
  await expectInViewAboveLastLine(stopped);
  // Dismissed, the import's notice gives its room back to the text.
  await page.getByTestId('replaced-banner').getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByTestId('replaced-banner')).toHaveCount(0);
  await expectInViewAboveLastLine(stopped);
});

test('a long document opens at its top, with the caret in the first line', async ({ openUser, tandem, docName }) => {
  const lines = Array.from({ length: 80 }, (_, i) => `Paragraph number ${i + 1}`);
  await adminApi(tandem).importDoc(docName, 'markdown', lines.join('\n\n'));
  const ann = await openUser('Ann');
  await expect(ann.editable.locator(':scope > p')).toHaveCount(80);
  await expect(ann.editable).toBeFocused();
  await ann.page.keyboard.type('Start: ');
  await expect(ann.editable.locator(':scope > p').first()).toHaveText('Start: Paragraph number 1');
  expect(await ann.page.evaluate(() => window.scrollY)).toBe(0);
});

test('Ctrl+Home in a long document shows the first line below the top bar, where typing then shows', async ({ openUser, tandem, docName }) => {
  // Forty paragraphs, imported: typed, they took a third of this test's time, and the caret ends at the bottom either way.
  await adminApi(tandem).importDoc(docName, 'markdown', Array.from({ length: 40 }, (_, i) => `Paragraph ${i + 1}`).join('\n\n'));
  const ann = await openUser('Ann');
  await ann.page.setViewportSize({ width: 1100, height: 700 });
  await expect(ann.editable.locator(':scope > p')).toHaveCount(40);
  await focusEnd(ann);
  const firstLine = ann.editable.locator('p').first();
  const clearOfBar = async () => {
    const barBottom = await ann.page.locator('.top-bar').evaluate((bar) => bar.getBoundingClientRect().bottom);
    const lineTop = await firstLine.evaluate((line) => line.getBoundingClientRect().top);
    return lineTop >= barBottom;
  };
  await ann.page.keyboard.press('Control+End');
  await ann.page.keyboard.press('Control+Home');
  await expect.poll(clearOfBar).toBe(true);
  await ann.page.keyboard.type('Start: ');
  await expect(firstLine).toHaveText('Start: Paragraph 1');
  await expect.poll(clearOfBar).toBe(true);
});

test('"Download as Markdown" saves a file matching the document', async ({ openUser, tandem, docName }) => {
  const ann = await openUser('Ann');
  await focusEnd(ann);
  await ann.page.keyboard.type('# Packing list');
  await ann.page.keyboard.press('Enter');
  await ann.page.keyboard.type('Bring ');
  await ann.page.keyboard.press('Control+b');
  await ann.page.keyboard.type('boots');
  await ann.page.keyboard.press('Control+b');
  await ann.page.keyboard.press('Enter');
  await ann.page.keyboard.type('- socks');
  await ann.page.keyboard.press('Enter');
  await ann.page.keyboard.type('maps');
  await expect(ann.editable.locator('ul > li')).toHaveText(['socks', 'maps']);
  await expect(ann.page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');

  await ann.page.getByTestId('download-open').click();
  const menu = ann.page.getByTestId('download-menu');
  await expect(menu).toBeVisible();
  await expect(menu).toHaveAccessibleName('Download as');
  const [download] = await Promise.all([ann.page.waitForEvent('download'), menu.locator('[data-format=markdown]').click()]);
  // Named after the document's title (its first Heading 1).
  expect(download.suggestedFilename()).toBe('Packing list.md');
  const file = await readFile(await download.path(), 'utf8');

  expect(file).toMatch(markdownBlock('#', 'Packing list'));
  expect(file).toMatch(/^Bring \*\*boots\*\*$/m);
  expect(file).toMatch(markdownBlock('-', 'socks'));
  expect(file).toMatch(markdownBlock('-', 'maps'));
  // Exactly the document as the server holds it, and nothing more.
  expect(file).toBe(await adminApi(tandem).exportDoc(docName, 'markdown'));
  await expect(menu).toHaveCount(0);

  // By keyboard: the focus is back on the button; Enter opens the menu on its first item, the arrows move on.
  await expect(ann.page.getByTestId('download-open')).toBeFocused();
  await ann.page.keyboard.press('Enter');
  await expect(menu.locator('[data-format=markdown]')).toBeFocused();
  await ann.page.keyboard.press('ArrowDown');
  await ann.page.keyboard.press('ArrowDown');
  await expect(menu.locator('[data-format=text]')).toBeFocused();
  const [textDownload] = await Promise.all([ann.page.waitForEvent('download'), ann.page.keyboard.press('Enter')]);
  expect(textDownload.suggestedFilename()).toBe('Packing list.txt');
  const text = await readFile(await textDownload.path(), 'utf8');
  expect(text).toBe(await adminApi(tandem).exportDoc(docName, 'text'));
  // Plain text keeps the list: one line per item, with its marker.
  expect(text).toContain('\n- socks\n- maps');

  // Tab leaves the menu: it closes, and the focus moves on past the Download button.
  await expect(ann.page.getByTestId('download-open')).toBeFocused();
  await ann.page.keyboard.press('Enter');
  await expect(menu.locator('[data-format=markdown]')).toBeFocused();
  await ann.page.keyboard.press('Tab');
  await expect(menu).toHaveCount(0);
  const focused = ann.page.locator(':focus');
  await expect(focused).toHaveCount(1);
  await expect(focused).not.toHaveAttribute('data-testid', 'download-open');
  await expect(focused).not.toHaveAttribute('role', 'menuitem');
});

test('the home page lists a document by its first Heading 1, by its first line without one, and by its name once it has no text', async ({ openUser, tandem, docName }) => {
  const ann = await openUser('Ann');
  const { page } = ann;
  const remembered = () => page.evaluate(() => localStorage.getItem('tandem:recent-docs') ?? '');
  await focusEnd(ann);
  await page.keyboard.type('Pack light.');
  await page.keyboard.press('Enter');
  await page.keyboard.type('# Trip plan');
  await expect(page).toHaveTitle('Trip plan · Tandem');
  await expect.poll(remembered).toContain('Trip plan');
  await page.goto(`${tandem.url}/`);
  await expect(page.getByTestId('recent-doc')).toHaveCount(1);
  await expect(page.getByTestId('recent-doc')).toContainText('Trip plan');

  await page.goto(`${tandem.url}/d/${docName}`);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
  await page.locator('[data-testid=editor] h1').click();
  const headingButton = page.getByTestId('toolbar').locator('button[data-action=h1]');
  await expect(headingButton).toHaveAttribute('aria-pressed', 'true'); // the editor has the caret in the heading
  await headingButton.click(); // the heading becomes a paragraph: the first line names the document
  await expect(page.locator('[data-testid=editor] h1')).toHaveCount(0);
  await expect(page).toHaveTitle('Pack light. · Tandem');
  await expect(page.getByTestId('doc-title')).toHaveText('Pack light.');
  await expect.poll(remembered).toContain('Pack light.');

  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await expect(ann.editable).toHaveText('');
  await expect(page).toHaveTitle(`${docName} · Tandem`);
  await expect.poll(remembered).not.toContain('Pack light.');
  await page.goto(`${tandem.url}/`);
  await expect(page.getByTestId('recent-doc')).toContainText(docName);
  await expect(page.getByTestId('recent-doc')).not.toContainText('Trip plan');
});

test('a document that starts with a plain line is titled by that line, a long one cut short, in the header, the tab and the list', async ({ openUser, tandem }) => {
  const ann = await openUser('Ann');
  const { page } = ann;
  await focusEnd(ann);
  await page.keyboard.type('Shopping list for the weekend');
  await page.keyboard.press('Enter');
  await page.keyboard.type('eggs, bread, coffee');
  await expect(page.getByTestId('doc-title')).toHaveText('Shopping list for the weekend');
  // The title is the page's one h1, the heading a screen reader's heading list starts with.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Shopping list for the weekend');
  await expect(page).toHaveTitle('Shopping list for the weekend · Tandem');

  await page.keyboard.press('Control+Home');
  await page.keyboard.type('Notes from the long planning meeting about the trip, and the ');
  await expect(page.getByTestId('doc-title')).toHaveText('Notes from the long planning meeting about the trip, and…');
  await page.getByRole('link', { name: 'All documents' }).click();
  await expect(page.getByTestId('recent-doc')).toContainText('Notes from the long planning meeting about the trip, and…');
  expect(page.url()).toBe(`${tandem.url}/`);
});

test('a click on the title in the header takes the caret to the end of its line, to rename the document there', async ({ openUser }) => {
  const ann = await openUser('Ann');
  const ben = await openUser('Ben');
  const { page } = ann;
  // Untitled: the click goes to the first line.
  await page.getByTestId('doc-title').click();
  await page.keyboard.type('Draft');
  await expect(ben.page.getByTestId('doc-title')).toHaveText('Draft');
  await page.keyboard.press('Enter');
  await page.keyboard.type('# Budget');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Body text, typed far from the title.');
  await expect(page.getByTestId('doc-title')).toHaveText('Budget');
  // Before, the click did nothing, and the caret left the text: these letters went nowhere.
  await page.getByTestId('doc-title').click();
  await page.keyboard.type(' 2027');
  await expect(ben.page.getByTestId('doc-title')).toHaveText('Budget 2027');
  await expect(ben.page).toHaveTitle('Budget 2027 · Tandem');
  expect(await documentText(ben)).toBe('Draft\nBudget 2027\nBody text, typed far from the title.');
});

test('a heading typed just before going back to the home page is the name listed there', async ({ openUser }) => {
  const ann = await openUser('Ann');
  const { page } = ann;
  await focusEnd(ann);
  await page.keyboard.type('# Meeting notes');
  await expect(page).toHaveTitle('Meeting notes · Tandem');
  await page.getByRole('link', { name: 'All documents' }).click();
  await expect(page.getByTestId('recent-doc')).toHaveCount(1);
  await expect(page.getByTestId('recent-doc')).toContainText('Meeting notes');
});

test('a document an admin deletes tells its open pages so and leaves their home page\'s recent documents', async ({ openUser, tandem, docName }) => {
  const ann = await openUser('Ann');
  const { page } = ann;
  await focusEnd(ann);
  await page.keyboard.type('# Old draft');
  await expect.poll(() => page.evaluate(() => localStorage.getItem('tandem:recent-docs') ?? '')).toContain('Old draft');

  await page.getByTestId('history-open').click();
  await expect(page.getByTestId('history')).toBeVisible();

  await adminApi(tandem).deleteDoc(docName);
  await expect(page.getByText('This document was deleted.')).toBeVisible();
  // Nothing claims the text is saved, and the versions, gone with it, are no longer offered.
  await expect(page.getByTestId('save-status')).toHaveCount(0);
  await expect(page.getByTestId('history')).toHaveCount(0);
  await expect(page.getByTestId('history-open')).toBeDisabled();
  await page.goto(`${tandem.url}/`);
  await expect(page.getByTestId('recent-empty')).toBeVisible();
  await expect(page.getByTestId('recent-doc')).toHaveCount(0);
  // The old link says so as well, instead of opening a new, empty document under the name.
  await page.goto(`${tandem.url}/d/${docName}`);
  await expect(page.getByTestId('stopped-banner')).toHaveText(/^Could not open this document\. This document was deleted\./);
  await expect(page.getByTestId('editor')).toHaveAttribute('data-readonly', 'true');
  // Nothing there to format, share, download, count or look back on: the page shows the reason and the way back.
  for (const tool of ['toolbar', 'share', 'download-open', 'history-open', 'word-count', 'self-avatar']) {
    await expect(page.getByTestId(tool), tool).toHaveCount(0);
  }
  await expect(page.getByRole('link', { name: 'Back to your documents' })).toBeVisible();
  expect(await adminApi(tandem).listDocs()).not.toContain(docName);
});

test('removing recent documents with the keyboard keeps the focus in the list: on the next entry, else the previous one, else its heading', async ({ browser, tandem }) => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${tandem.url}/`);
  const recent = [
    { name: 'first-doc', openedAt: 3_000 },
    { name: 'second-doc', openedAt: 2_000 },
    { name: 'third-doc', openedAt: 1_000 },
  ];
  await page.evaluate((entries) => localStorage.setItem('tandem:recent-docs', JSON.stringify(entries)), recent);
  await page.reload();
  await expect(page.getByTestId('recent-doc')).toHaveCount(3);
  const removeButton = (name: string) => page.getByRole('button', { name: `Remove ${name} from recent documents` });

  await removeButton('second-doc').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('recent-doc')).toHaveCount(2);
  await expect(removeButton('third-doc')).toBeFocused();
  await expect(removeButton('third-doc')).toHaveCSS('opacity', '1'); // shown, as a focused remove button is
  // The last entry gone, the one above it takes the focus.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('recent-doc')).toHaveCount(1);
  await expect(removeButton('first-doc')).toBeFocused();
  // The list emptied, its heading does.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('recent-empty')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Recent documents' })).toBeFocused();
  await page.context().close();
});

test('a link with ?name= pasted into the home page\'s Open box opens the document under that name', async ({ browser, tandem, docName }) => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${tandem.url}/`);
  await page.getByTestId('open-doc-input').fill(`${tandem.url}/d/${docName}?name=Zed`);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
  await expect(page.getByTestId('self-avatar')).toHaveAttribute('title', 'You: Zed (click to rename)');
  await page.context().close();
});

test('a title typed into the Open box opens the document of that title as a name, and says which before it does', async ({ browser, tandem, docName }) => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${tandem.url}/`);
  const name = `Team-notes-Q3-${docName}`;
  // Nothing in it makes a name: the box says why, in words, and the page stays.
  await page.getByTestId('open-doc-input').fill('...');
  await page.getByTestId('open-doc-input').press('Enter');
  await expect(page.getByTestId('open-doc-error')).toHaveText('A document name cannot start with a dot.');
  await page.getByTestId('open-doc-input').fill(`Team notes: Q3 ${docName}`);
  await expect(page.getByTestId('open-doc-hint')).toHaveText(`Opens “${name}”: names have no spaces or punctuation.`);
  await page.getByTestId('open-doc-input').press('Enter');
  await expect(page).toHaveURL(new RegExp(`/d/${name}$`));
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
  // Typed once the caret shows, as a person does: the page is connected a moment before the document is in.
  await expect(page.locator('[data-testid=editor] [contenteditable=true]')).toBeFocused();
  await page.keyboard.type('Agenda');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  // The same title, typed into the address, is refused as a name, and the page offers the document it names.
  await page.goto(`${tandem.url}/d/${encodeURIComponent(`Team notes: Q3 ${docName}`)}?name=Zed`);
  await expect(page.getByRole('heading', { name: 'That is not a document name' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(
    `“Team notes: Q3 ${docName}” cannot be a document’s name. A document name holds only letters, digits, dots, underscores and hyphens: no spaces or other marks. Open “${name}” instead.`,
  );
  await page.getByTestId('suggested-doc').click();
  // The display name went along (the editor page then takes it out of the address).
  await expect(page).toHaveURL(new RegExp(`/d/${name}$`));
  await expect(page.locator('[data-testid=editor] [contenteditable=true]')).toHaveText('Agenda');
  await expect(page.getByTestId('self-avatar')).toHaveAttribute('title', 'You: Zed (click to rename)');
  await page.context().close();
});

test("a link to another Tandem server pasted into the home page's Open box opens the document there, not one of that name here", async ({ browser, tandem, docName }) => {
  // The same server under another name is another origin to the browser: it stands in for a second server.
  const elsewhere = tandem.url.replace('127.0.0.1', 'localhost');
  expect(elsewhere).not.toBe(tandem.url);
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${tandem.url}/`);
  await page.getByTestId('open-doc-input').fill(`${elsewhere}/d/${docName}?name=Zed`);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  const openedAt = () => {
    const { origin, pathname } = new URL(page.url());
    return `${origin}${pathname}`;
  };
  await expect.poll(openedAt).toBe(`${elsewhere}/d/${docName}`);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
  await expect(page.getByTestId('self-avatar')).toHaveAttribute('title', 'You: Zed (click to rename)');
  await page.context().close();
});

test('Share copies the document\'s address, without the sharer\'s name, and the status beside it stays where it was', async ({ openUser, tandem, docName }) => {
  const ann = await openUser('Ann');
  const { page } = ann;
  await ann.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: tandem.url });
  const status = page.getByTestId('connection-status');
  const share = page.getByTestId('share');
  const [statusBefore, shareBefore] = [await status.boundingBox(), await share.boundingBox()];
  await share.click();
  await expect(share).toHaveAttribute('data-copied', 'true');
  await expect(share).toHaveAccessibleName('Copied ✓');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${tandem.url}/d/${docName}`);
  expect(await status.boundingBox()).toEqual(statusBefore);
  expect(await share.boundingBox()).toEqual(shareBefore);
  await expect(share).toHaveAccessibleName('Share');
  expect(await status.boundingBox()).toEqual(statusBefore);
});

test('letters typed right after "New document", before the editor has loaded, are its first words', async ({ browser, tandem }) => {
  // No service worker: the scripts it would serve from its cache are not seen by page.route.
  const page = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
  await page.goto(`${tandem.url}/`);
  // The app's code is held back until the letters are typed: the new page has only its first inline script then.
  let releaseScripts = () => {};
  const scriptsHeld = new Promise<void>((resolve) => (releaseScripts = resolve));
  await page.route(/\/assets\/[^/]+\.js$/, async (route) => {
    await scriptsHeld;
    await route.continue();
  });
  await page.getByTestId('new-doc').click();
  await expect(page).toHaveURL(/\/d\/[^/?]+$/);
  await page.waitForFunction(() => typeof window.tandemEarlyKeys === 'function');
  await page.keyboard.type('Quick st');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('tart');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Second line');
  releaseScripts();
  const editable = page.locator('[data-testid=editor] [contenteditable=true]');
  await expect(editable.locator(':scope > p')).toHaveText(['Quick start', 'Second line']);
  await expect(editable).toBeFocused();
  await page.keyboard.type('!');
  await expect(editable.locator(':scope > p')).toHaveText(['Quick start', 'Second line!']);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  await page.context().close();
});

test('Escape in the toolbar takes the focus back to the text (a multi-line field named Document), where the caret was', async ({ openUser }) => {
  const ann = await openUser('Ann');
  await focusEnd(ann);
  await ann.page.keyboard.type('alpha beta');
  await ann.page.keyboard.press('Escape');
  await ann.page.keyboard.press('Shift+Tab');
  await ann.page.keyboard.press('ArrowRight');
  await expect(ann.page.getByTestId('toolbar').locator('button:focus')).toHaveCount(1);
  await ann.page.keyboard.press('Escape');
  const text = ann.page.locator('[data-testid=editor] [contenteditable=true]');
  await expect(text).toBeFocused();
  // What a screen reader gets: a multi-line text field named Document.
  await expect(text).toHaveAttribute('aria-multiline', 'true');
  await expect(ann.page.getByRole('textbox', { name: 'Document' })).toHaveCount(1);
  await ann.page.keyboard.type(' gamma');
  await expect.poll(() => documentText(ann)).toBe('alpha beta gamma');
});

test('"New document" on the home page opens an empty document with the caret in it, ready for typing', async ({ browser, tandem }) => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${tandem.url}/`);
  await page.getByTestId('new-doc').click();
  await expect(page).toHaveURL(/\/d\/[^/?]+$/);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
  const editable = page.locator('[data-testid=editor] [contenteditable=true]');
  await expect(editable).toBeFocused();
  await page.keyboard.type('Straight in');
  await expect(editable).toHaveText('Straight in');
  await page.context().close();
});

test('a wrong address shows a page that leads back to the documents, while the API still answers in JSON', async ({ browser, tandem }) => {
  const page = await browser.newPage();
  const response = await page.goto(`${tandem.url}/no-such-page`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to your documents' }).click();
  await expect(page.getByRole('button', { name: /new document/i })).toBeVisible();

  const api = await fetch(`${tandem.url}/api/no-such-route`, { headers: { accept: 'text/html' } });
  expect(api.status).toBe(404);
  expect(((await api.json()) as { error: { code: string } }).error.code).toBe('not_found');
  const script = await fetch(`${tandem.url}/no-such-page`);
  expect(script.status).toBe(404);
  expect(((await script.json()) as { error: { code: string } }).error.code).toBe('not_found');
  await page.close();
});

test('printing shows the document alone: no toolbar, status, word count or other people\'s carets', async ({ openUser }) => {
  const ann = await openUser('Ann');
  const ben = await openUser('Ben');
  await focusEnd(ben);
  await ben.page.keyboard.type('Printed words.');
  await expect.poll(() => documentText(ann)).toBe('Printed words.');
  const benCaret = ann.page.getByTestId('editor-frame').getByText('Ben', { exact: true });
  await expect(benCaret).toBeAttached();
  // Wide enough for the word count beside the text with the history drawer open.
  await ann.page.setViewportSize({ width: 1600, height: 900 });
  await ann.page.getByTestId('history-open').click();
  const onScreen = [ann.page.getByTestId('toolbar'), ann.page.getByTestId('word-count'), ann.page.getByTestId('history')];
  for (const part of onScreen) await expect(part).toBeVisible();

  await ann.page.emulateMedia({ media: 'print' });
  for (const part of onScreen) await expect(part).toBeHidden();
  expect(await ann.page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgba(0, 0, 0, 0)');
  await expect(ann.page.getByTestId('connection-status')).toBeHidden();
  await expect(benCaret).toBeHidden();
  await expect(ann.editable).toHaveText('Printed words.');
  // The text starts at the paper's edge (its margins are the printer's), not indented by the screen's layout.
  const textLeft = await ann.editable.evaluate((element) => element.getBoundingClientRect().left);
  expect(textLeft).toBeLessThan(40);
});

test('a word being typed as a small import lands loses no letter: it goes on at the top of the new content in order', async ({ openUser, tandem, docName }) => {
  const ann = await openUser('Ann');
  const { page } = ann;
  await focusEnd(ann);
  await page.keyboard.type('Original content.');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  const phrase = ' bob typing during import';
  const typing = page.keyboard.type(phrase, { delay: 40 });
  await expect.poll(() => documentText(ann), { intervals: [10] }).toContain(' bo');
  await adminApi(tandem).importDoc(docName, 'markdown', '# Imported title\n\nImported body.\n');
  await typing;
  // The letters typed after it went to the top of the new content, one after the other: the start of the title is
  // an end of the phrase. (The caret was put at the top a frame after typing could go on, so a letter typed in
  // between stayed behind: "yping during importt".)
  const title = ann.editable.locator('h1');
  await expect(title).toContainText('Imported title');
  const typedAtTop = (await title.innerText()).replace(/Imported title$/, '');
  expect(phrase.endsWith(typedAtTop), `"${typedAtTop}" is not the end of "${phrase}"`).toBe(true);
  await expect(ann.editable.locator(':scope > p')).toHaveText(['Imported body.']);
  // The letters typed before it are in the version the import kept of the old content, or in the one of edits made
  // while it landed: with the ones at the top, the whole phrase. Those typed while typing was held, in the moment the
  // new content was put in place, went nowhere before (a letter or two, in a walk-through's every try).
  const typedBefore = async () => {
    const api = adminApi(tandem);
    const texts = await Promise.all((await api.listSnapshots(docName)).map((version) => api.exportSnapshot(docName, version.id, 'text')));
    return texts.map((text) => /Original content\.(.*)/.exec(text)?.[1] ?? '').reduce((longest, part) => (part.length > longest.length ? part : longest), '');
  };
  await expect.poll(async () => (await typedBefore()) + typedAtTop, { timeout: 20_000 }).toBe(phrase);
});

test('typing waits while an import puts a large document in place, then goes in at its top, the letters typed meanwhile first', async ({ openUser, tandem, docName }) => {
  const ann = await openUser('Ann');
  const { page } = ann;
  await focusEnd(ann);
  await page.keyboard.type('old line');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  const lines = Array.from({ length: 4_000 }, (_, i) => `Imported paragraph ${i + 1}`);
  const importing = adminApi(tandem).importDoc(docName, 'markdown', lines.join('\n\n'));
  // While the pieces arrive, the page says so and keystrokes wait (they landed in the middle of the new content).
  await expect(page.getByTestId('replacing-banner')).toContainText('An administrator is replacing the document with an imported file');
  await page.keyboard.type('Held ');
  await importing;
  await expect(page.getByTestId('replacing-banner')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId('replaced-banner')).toBeVisible();
  await expect(ann.editable).toBeFocused();
  await page.keyboard.type('then ');
  await expect(ann.editable.locator(':scope > p').first()).toHaveText('Held then Imported paragraph 1');
  await expect(ann.editable.locator(':scope > p')).toHaveCount(4_000);
  expect(await documentText(ann)).toBe(['Held then Imported paragraph 1', ...lines.slice(1)].join('\n'));
});

test('the content-replaced notice is dismissed from the keyboard, by Escape or its button, and the focus goes back to the text', async ({ openUser, tandem, docName }) => {
  const ann = await openUser('Ann');
  const { page } = ann;
  const notice = page.getByTestId('replaced-banner');
  const dismiss = notice.getByRole('button', { name: 'Dismiss' });
  await focusEnd(ann);
  await page.keyboard.type('old line');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');

  // Closed by Escape, then by its button (Enter): before, Escape did nothing here, and the button's press dropped the
  // focus on the page's body.
  for (const [content, key] of [['First import', 'Escape'], ['Second import', 'Enter']] as const) {
    await adminApi(tandem).importDoc(docName, 'markdown', content);
    await expect(notice).toBeVisible();
    await expect(ann.editable).toBeFocused();
    // Escape leaves the text (indent-plugin.tsx); Shift+Tab goes up to the notice's button.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Tab');
    await expect(dismiss).toBeFocused();
    await page.keyboard.press(key);
    await expect(notice).toHaveCount(0);
    await expect(ann.editable).toBeFocused();
  }
  await page.keyboard.type('Typed ');
  await expect.poll(() => documentText(ann)).toBe('Typed Second import');
});
