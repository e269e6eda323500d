// Presence and remote carets: who is here, where they are, and that they vanish when they leave.
import { adminApi } from './support/admin-api';
import { documentText, expect, focusEnd, test, typeLinesAtEnd, type User } from './fixtures';

test('carets and presence follow people as they come and go', async ({ openUser }) => {
  const ann = await openUser('Ann Archer');
  const ben = await openUser('Ben Brook');
  const cat = await openUser('Cat Cole');
  await focusEnd(ann);
  await ann.page.keyboard.type('Ann is typing here');

  const benPresence = ben.page.getByTestId('presence').getByTestId('presence-user');
  await expect(benPresence).toHaveCount(2);
  await expect(benPresence.filter({ hasText: 'Ann Archer' })).toHaveCount(1);
  await expect(benPresence.filter({ hasText: 'Cat Cole' })).toHaveCount(1);
  // Each one's text is the display name alone (the initials are drawn), and its button is named after the person.
  await expect(benPresence.filter({ hasText: 'Ann Archer' })).toHaveText('Ann Archer');
  await expect(benPresence.getByRole('button', { name: 'Cat Cole', exact: true })).toBeVisible();
  // A screen reader hears who came (the avatars change silently).
  const benAnnouncement = ben.page.getByTestId('presence-announcement');
  await expect(benAnnouncement).toHaveText('Cat Cole is here.');

  // Remote carets are drawn in the editor frame, beside the text (so their labels never count as content).
  const annCaretOnBen = ben.page.getByTestId('editor-frame').getByText('Ann Archer', { exact: true });
  await expect(annCaretOnBen).toBeVisible();
  // The label shows while Ann types, fades once she stops (so it hides no text for long), and shows again.
  const labelOpacity = () => annCaretOnBen.evaluate((label) => getComputedStyle(label).opacity);
  await expect.poll(labelOpacity).toBe('0');
  await ann.page.keyboard.type(', and on');
  await expect.poll(labelOpacity).toBe('1');

  await ann.context.close();
  await expect(benPresence.filter({ hasText: 'Ann Archer' })).toHaveCount(0, { timeout: 2_000 });
  await expect(annCaretOnBen).toHaveCount(0, { timeout: 2_000 });
  await expect(benPresence).toHaveCount(1);
  await expect(benAnnouncement).toHaveText('Ann Archer left.');
});

test('two people whose names share a colour get different colours, and the one already here keeps theirs', async ({ openUser }) => {
  // 'Bob Stone' and 'Cy' both get the palette's orange from their names; 'Ann Lee' gets the amber after it.
  const ann = await openUser('Ann Lee');
  const bob = await openUser('Bob Stone');
  const cy = await openUser('Cy');
  for (const viewer of [ann, bob, cy]) {
    for (const [name, color] of [['Ann Lee', amber], ['Bob Stone', orange], ['Cy', olive]] as const) {
      if (name !== viewer.name) await expect.poll(() => avatarColor(viewer, name)).toBe(color);
    }
  }
  // Carets are drawn in the same colours, so two people can be told apart in the text too.
  await focusEnd(bob);
  await bob.page.keyboard.type('Bob here. ');
  await focusEnd(cy);
  await cy.page.keyboard.type('Cy here.');
  const caretLabelColor = (name: string) =>
    ann.page.getByTestId('editor-frame').getByText(name, { exact: true }).evaluate((label) => getComputedStyle(label).backgroundColor);
  await expect.poll(() => caretLabelColor('Bob Stone')).toBe(orange);
  await expect.poll(() => caretLabelColor('Cy')).toBe(olive);
  // Cy's own avatar, which opens the rename form, shows Cy's colour here too.
  await expect.poll(() => selfColor(cy)).toBe(olive);

  // Nobody changes colour when someone leaves.
  await bob.context.close();
  await expect(ann.page.getByTestId('presence').getByTestId('presence-user')).toHaveCount(1);
  await cy.page.keyboard.type(' Still');
  await expect.poll(() => avatarColor(ann, 'Cy')).toBe(olive);
  await expect.poll(() => caretLabelColor('Cy')).toBe(olive);
});

test("renaming yourself to a name whose colour someone here has gives you the next free colour, and leaves them theirs", async ({ openUser }) => {
  // 'Ann Lee' and 'Cleo' both get the palette's amber from their names; olive comes after it. Bob is here first,
  // but the name he takes arrives after Ann.
  const bob = await openUser('Bob Stone');
  const ann = await openUser('Ann Lee');
  await expect.poll(() => avatarColor(bob, 'Ann Lee')).toBe(amber);
  await bob.page.getByTestId('self-avatar').click();
  await expect(bob.page.getByTestId('rename-input')).toBeFocused();
  await bob.page.keyboard.type('Cleo'); // the old name is selected, so typing replaces it
  await bob.page.keyboard.press('Enter');
  await expect.poll(() => avatarColor(ann, 'Cleo')).toBe(olive);
  await expect.poll(() => selfColor(bob)).toBe(olive);
  expect(await selfColor(ann)).toBe(amber);
  expect(await avatarColor(bob, 'Ann Lee')).toBe(amber);
});

test("someone whose computer's clock runs slow still counts as arriving after the people already here", async ({ openUser }) => {
  // 'Ann Lee' and 'Cleo' both get the palette's amber from their names; olive comes after it. Cleo's clock is ten
  // minutes behind, so by her own clock she opened the document before Ann did.
  const ann = await openUser('Ann Lee');
  const cleo = await openUser('Cleo', { clockSkewMs: -10 * 60_000 });
  await expect.poll(() => avatarColor(ann, 'Cleo')).toBe(olive);
  await expect.poll(() => selfColor(cleo)).toBe(olive);
  await expect.poll(() => avatarColor(cleo, 'Ann Lee')).toBe(amber);
  expect(await selfColor(ann)).toBe(amber);
  // Her caret too, on Ann's page.
  await focusEnd(cleo);
  await cleo.page.keyboard.type('Cleo here.');
  // Her whole line first: while it is on its way, 'Cleo' alone is also the text of her line, beside her caret's name.
  await expect.poll(() => documentText(ann)).toBe('Cleo here.');
  await expect
    .poll(() => ann.page.getByTestId('editor-frame').getByText('Cleo', { exact: true }).evaluate((label) => getComputedStyle(label).backgroundColor))
    .toBe(olive);
});

test('someone with the document open in two tabs is one person in the list, and your own other tab says it is you', async ({ openUser, tandem, docName }) => {
  const ann = await openUser('Ann Archer');
  const ben = await openUser('Ben Brook');
  const annPresence = ann.page.getByTestId('presence').getByTestId('presence-user');
  await expect(annPresence).toHaveCount(1);

  // Ben opens a second tab of the same browser: two carets, one person.
  const benSecondTab = await ben.context.newPage();
  await benSecondTab.goto(`${tandem.url}/d/${docName}?name=${encodeURIComponent('Ben Brook')}`);
  await expect(benSecondTab.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
  await expect(ann.page.getByTestId('editor-frame').getByText('Ben Brook', { exact: true })).toHaveCount(2);
  await expect(annPresence).toHaveCount(1);
  await expect(annPresence).toHaveAttribute('title', 'Ben Brook (2 tabs): click to go to their cursor');

  // In Ben's first tab, the second one is Ben himself, not another person.
  const benPresence = ben.page.getByTestId('presence').getByTestId('presence-user');
  await expect(benPresence).toHaveCount(2);
  await expect(benPresence.filter({ hasText: 'Ann Archer' })).toHaveCount(1);
  await expect(benPresence.filter({ hasText: 'Ben Brook' })).toHaveAttribute('title', 'Ben Brook (you, in another tab)');

  await benSecondTab.close();
  await expect(annPresence).toHaveAttribute('title', 'Ben Brook: click to go to their cursor');
  await expect(benPresence).toHaveCount(1);
});

test("a click on someone's avatar scrolls to their cursor in a long document", async ({ openUser, tandem, docName }) => {
  // Ben's line and thirty below it, imported: typing the thirty took a minute on a busy two-core machine.
  const lines = ['Ben is up here', ...Array.from({ length: 30 }, (_, i) => `Line ${i + 1}`)];
  await adminApi(tandem).importDoc(docName, 'markdown', lines.join('\n\n'));
  const ann = await openUser('Ann Archer');
  const ben = await openUser('Ben Brook');
  await ann.page.setViewportSize({ width: 1000, height: 500 });
  await expect(ben.editable.locator(':scope > p')).toHaveCount(31);
  // Ben's caret at the end of the first line; Ann types one line more at the bottom.
  await ben.editable.locator('p').first().click();
  await ben.page.keyboard.press('End');
  await typeLinesAtEnd(ann, '', 'Line 31');
  // Ann's typing has settled (a keystroke still being handled would scroll her own caret back into view).
  await expect.poll(() => documentText(ben)).toContain('Line 31');
  await expect(ann.page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  // Ben's caret stays in the first line, far above Ann's window.
  const benCaret = ann.page.getByTestId('editor-frame').locator('.ed-remote-caret', { hasText: 'Ben Brook' });
  await expect(benCaret).toHaveCount(1);
  await expect(benCaret).not.toBeInViewport();
  await ann.page.getByTestId('presence').getByTestId('presence-user').filter({ hasText: 'Ben Brook' }).getByRole('button').click();
  await expect(benCaret).toBeInViewport();
  // The text kept the focus: what Ann types next goes in at her own caret, not nowhere.
  await ann.page.keyboard.type('!');
  await expect.poll(() => documentText(ben)).toContain('Line 31!');
});

test("a caret at the very start of a line is drawn whole, not cut off at the text column's edge", async ({ openUser }) => {
  const ann = await openUser('Ann Archer');
  const ben = await openUser('Ben Brook');
  await focusEnd(ben);
  await ben.page.keyboard.type('First line');
  await ben.page.keyboard.press('Enter');
  await ben.page.keyboard.type('Second line');
  await expect.poll(() => documentText(ann)).toBe('First line\nSecond line');
  await ben.page.keyboard.press('Home');

  const benCaret = ann.page.getByTestId('editor-frame').locator('.ed-remote-caret', { hasText: 'Ben Brook' });
  const textLeft = await ann.page.getByTestId('editor').locator('p').last().evaluate((p) => p.getBoundingClientRect().left);
  // The caret now straddles the column's left edge…
  await expect.poll(() => benCaret.evaluate((caret) => caret.getBoundingClientRect().left)).toBeLessThan(textLeft);
  // …and all of it shows: the frame's clip (which keeps long name labels from widening the page) lies beyond it.
  const hiddenWidth = () =>
    benCaret.evaluate((caret) => {
      const frame = caret.closest('.editor-frame')!.getBoundingClientRect();
      const line = caret.getBoundingClientRect();
      return Math.max(0, frame.left - line.left) + Math.max(0, line.right - frame.right);
    });
  await expect.poll(hiddenWidth).toBe(0);
});

test("a collaborator's name near the right edge hangs to the left of their caret, whole", async ({ openUser }) => {
  const ann = await openUser('Ann Archer');
  const ben = await openUser('Benedict Longname-Fairweather');
  await ann.page.setViewportSize({ width: 390, height: 800 });
  await focusEnd(ben);
  await ben.page.keyboard.type('Ends near the right');
  await ben.page.keyboard.press('Control+Shift+R'); // right-aligned: the caret sits at the column's right edge
  await expect.poll(() => documentText(ann)).toBe('Ends near the right');
  const label = ann.page.getByTestId('editor-frame').getByText('Benedict Longname-Fairweather', { exact: true });
  await ben.page.keyboard.type('!');
  await expect(label).toBeVisible();
  const overhang = () =>
    label.evaluate((name) => name.getBoundingClientRect().right - name.closest('.editor-frame')!.getBoundingClientRect().right);
  await expect.poll(overhang).toBeLessThanOrEqual(0);
});

test("two collaborators a few letters apart both show their names whole: the second label goes up above the first", async ({ openUser }) => {
  const ann = await openUser('Ann Archer');
  const ben = await openUser('Benedict Brook');
  const cat = await openUser('Catherine Cole');
  await focusEnd(ann);
  await ann.page.keyboard.type('Three people write in this one line');
  await expect.poll(() => documentText(ben)).toBe('Three people write in this one line');
  await expect.poll(() => documentText(cat)).toBe('Three people write in this one line');
  // Ben's caret after "Three", Cat's after "Three people": her label would start inside his.
  await ben.editable.click();
  await ben.page.keyboard.press('Home');
  for (let i = 0; i < 5; i++) await ben.page.keyboard.press('ArrowRight');
  await cat.editable.click();
  await cat.page.keyboard.press('Home');
  for (let i = 0; i < 12; i++) await cat.page.keyboard.press('ArrowRight');
  await ben.page.keyboard.type(',');
  await cat.page.keyboard.type(',');
  await expect.poll(() => documentText(ann)).toBe('Three, people, write in this one line');

  const label = (name: string) => ann.page.getByTestId('editor-frame').getByText(name, { exact: true });
  await expect(label('Benedict Brook')).toBeVisible();
  await expect(label('Catherine Cole')).toBeVisible();
  const overlap = async () => {
    const [a, b] = await Promise.all([label('Benedict Brook').boundingBox(), label('Catherine Cole').boundingBox()]);
    if (a === null || b === null) return 'not drawn';
    const across = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
    const down = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
    return across > 0 && down > 0 ? `overlap of ${across.toFixed(0)} by ${down.toFixed(0)} px` : 'apart';
  };
  await expect.poll(overlap).toBe('apart');
  // Both in sight below the sticky bar, though the line is the first, right under the toolbar.
  const topBarBottom = await ann.page.locator('.top-bar').evaluate((bar) => bar.getBoundingClientRect().bottom);
  const labelTop = async (name: string) => (await label(name).boundingBox())?.y ?? Number.NaN;
  await expect.poll(() => labelTop('Benedict Brook')).toBeGreaterThanOrEqual(topBarBottom);
  await expect.poll(() => labelTop('Catherine Cole')).toBeGreaterThanOrEqual(topBarBottom);
  // Ben's label, the first on the line, stays right on his caret.
  await expect(ann.page.locator('.ed-remote-caret').filter({ hasText: 'Benedict Brook' })).not.toHaveAttribute('data-label-level', /.*/);
});

/** Ann writes a paragraph; Ben, on the same document, puts his caret at its end. */
async function annWritesBenWaitsAtTheEnd(openUser: (name: string) => Promise<User>): Promise<[User, User]> {
  const ann = await openUser('Ann');
  const ben = await openUser('Ben');
  await focusEnd(ann);
  await ann.page.keyboard.type('The shared paragraph text here');
  await expect(ben.editable.locator('p')).toHaveText(['The shared paragraph text here']);
  await focusEnd(ben);
  return [ann, ben];
}

test("someone else's bold or Enter in your paragraph leaves your caret by the same letters", async ({ openUser }) => {
  const [ann, ben] = await annWritesBenWaitsAtTheEnd(openUser);

  // Ann bolds the paragraph's first letters while Ben's caret waits at its end.
  await ann.page.keyboard.press('Home');
  for (let i = 0; i < 'The sh'.length; i++) await ann.page.keyboard.press('Shift+ArrowRight');
  await ann.page.keyboard.press('Control+b');
  await expect(ben.editable.locator('strong')).toHaveText('The sh');
  await ben.page.keyboard.type(' now');
  await expect(ann.editable.locator('p')).toHaveText(['The shared paragraph text here now']);

  // Ann splits the paragraph before Ben's caret: it stays at the end of the second half.
  await ann.page.keyboard.press('ArrowRight');
  await ann.page.keyboard.press('Enter');
  await expect(ben.editable.locator('p')).toHaveText(['The sh', 'ared paragraph text here now']);
  await ben.page.keyboard.type('!');
  await expect(ann.editable.locator('p')).toHaveText(['The sh', 'ared paragraph text here now!']);

  // Ann turns Ben's paragraph into a bulleted list: his caret stays at its end.
  await ann.page.keyboard.press('Control+Shift+8');
  await expect(ben.editable.locator('li')).toHaveText(['ared paragraph text here now!']);
  await ben.page.keyboard.type('?');
  await expect(ann.editable.locator('li')).toHaveText(['ared paragraph text here now!?']);
});

test('a selection grown with Shift+→ keeps every step while someone types in the same paragraph', async ({ openUser }) => {
  const [ann, ben] = await annWritesBenWaitsAtTheEnd(openUser);
  await ann.page.keyboard.press('Control+Home');
  // Ben's letters arrive while Ann's keys move the selection, before the browser has told her editor of each move.
  let isTyping = true;
  const benTyping = (async () => {
    while (isTyping) await ben.page.keyboard.type('x');
  })();
  for (let step = 0; step < 'The shared'.length; step++) await ann.page.keyboard.press('Shift+ArrowRight');
  isTyping = false;
  await benTyping;
  await expect.poll(() => ann.page.evaluate(() => window.getSelection()?.toString())).toBe('The shared');
});

test('renaming yourself shows the new name to the others, and closing the form gives the focus back to your avatar', async ({ openUser }) => {
  const ann = await openUser('Ann Archer');
  const ben = await openUser('Ben Brook');
  const avatar = ann.page.getByTestId('self-avatar');
  const input = ann.page.getByTestId('rename-input');
  await avatar.click();
  await expect(input).toBeFocused();
  await ann.page.keyboard.type('Annie Archer'); // the old name is selected, so typing replaces it
  await ann.page.keyboard.press('Enter');
  await expect(ben.page.getByTestId('presence').getByTestId('presence-user').filter({ hasText: 'Annie Archer' })).toHaveCount(1);
  await expect(avatar).toBeFocused();
  // Escape and Cancel close it unchanged, and the keyboard goes on from the avatar.
  await ann.page.keyboard.press('Enter');
  await expect(input).toBeFocused();
  await ann.page.keyboard.press('Escape');
  await expect(input).toHaveCount(0);
  await expect(avatar).toBeFocused();
  await avatar.click();
  await ann.page.getByRole('dialog', { name: 'Your display name' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(input).toHaveCount(0);
  await expect(avatar).toBeFocused();
  await expect(avatar).toHaveAttribute('title', 'You: Annie Archer (click to rename)');
});

test('on a phone, your name form opens whole on the screen, and a tap on it renames you', async ({ openUser }) => {
  const ann = await openUser('Ann Archer');
  await ann.page.setViewportSize({ width: 390, height: 844 });
  const avatar = ann.page.getByTestId('self-avatar');
  const form = ann.page.getByRole('dialog', { name: 'Your display name' });
  const input = ann.page.getByTestId('rename-input');
  await avatar.click();
  await expect(input).toBeFocused();
  await expect(form).toBeInViewport({ ratio: 1 });
  const horizontalExtent = async () => {
    const box = await form.boundingBox();
    return box === null ? null : [box.x >= 0, box.x + box.width <= 390];
  };
  await expect.poll(horizontalExtent).toEqual([true, true]);
  await input.click();
  await input.fill('Annie Archer');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toHaveCount(0);
  await expect(avatar).toHaveAttribute('title', 'You: Annie Archer (click to rename)');
});

test('a ?name= in the address is remembered, then leaves the address (the token stays), so a rename outlives a reload', async ({ openUser, tandem, docName }) => {
  const alice = await openUser('Alice', { query: 'token=opaque.t0k3n' }); // no AUTH_SECRET here: the token goes unchecked
  const { page } = alice;
  await expect(page).toHaveURL(`${tandem.url}/d/${docName}?token=opaque.t0k3n`);
  const avatar = page.getByTestId('self-avatar');
  await expect(avatar).toHaveAttribute('title', 'You: Alice (click to rename)');
  await avatar.click();
  await expect(page.getByTestId('rename-input')).toBeFocused();
  await page.keyboard.type('Alice Smith'); // the old name is selected, so typing replaces it
  await page.keyboard.press('Enter');
  await expect(avatar).toHaveAttribute('title', 'You: Alice Smith (click to rename)');

  await page.reload();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
  await expect(avatar).toHaveAttribute('title', 'You: Alice Smith (click to rename)');
  await expect(page).toHaveURL(`${tandem.url}/d/${docName}?token=opaque.t0k3n`);
});

test("a collaborator's caret stays on the page while they type, never taken away and put back", async ({ openUser }) => {
  const ann = await openUser('Ann Archer');
  const ben = await openUser('Ben Brook');
  await focusEnd(ann);
  await ann.page.keyboard.type('Warm up. ');
  const annCaretOnBen = ben.page.getByTestId('editor-frame').getByText('Ann Archer', { exact: true });
  await expect(annCaretOnBen).toBeVisible();
  // Each time Ann's caret leaves Ben's page (her name label taken out), counted from now on.
  await ben.page.getByTestId('editor-frame').evaluate((frame) => {
    const page = window as unknown as { caretRemovals: number };
    page.caretRemovals = 0;
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.removedNodes) if (node.textContent?.includes('Ann Archer')) page.caretRemovals++;
      }
    }).observe(frame, { subtree: true, childList: true });
  });
  const words = 'one caret, steady as the letters arrive';
  // At a person's pace: each letter its own message, not one burst.
  await ann.page.keyboard.type(words, { delay: 40 });
  await expect.poll(() => documentText(ben)).toBe(`Warm up. ${words}`);
  await expect(annCaretOnBen).toBeVisible();
  // Her caret used to go out before the letter it points at, and Ben's page took it away until the letter came.
  expect(await ben.page.evaluate(() => (window as unknown as { caretRemovals: number }).caretRemovals)).toBe(0);
});

test("a collaborator's caret stays where they left it while they use the page around the text", async ({ openUser }) => {
  const ann = await openUser('Ann Archer');
  const ben = await openUser('Ben Brook');
  await focusEnd(ann);
  await ann.page.keyboard.type('Ann wrote this line.');
  await expect.poll(() => documentText(ben)).toBe('Ann wrote this line.');
  await focusEnd(ben);
  const benCaretOnAnn = (name: string) => ann.page.getByTestId('editor-frame').getByText(name, { exact: true });
  await expect(benCaretOnAnn('Ben Brook')).toHaveCount(1);
  // Ben leaves the text for his name form: his editor loses the focus, and his new name reaches Ann after that.
  await ben.page.getByTestId('self-avatar').click();
  await ben.page.keyboard.type('Ben Bright');
  await ben.page.keyboard.press('Enter');
  await expect(ann.page.getByTestId('presence').getByTestId('presence-user').filter({ hasText: 'Ben Bright' })).toHaveCount(1);
  await expect(benCaretOnAnn('Ben Bright')).toHaveCount(1);
  // Still at the end of Ann's line, where he left it.
  const caretLeft = () => ann.page.locator('.ed-remote-caret').first().evaluate((caret) => caret.getBoundingClientRect().left);
  const lineEnd = () =>
    ann.editable.locator('p').first().evaluate((paragraph) => {
      const range = document.createRange();
      range.selectNodeContents(paragraph);
      return range.getBoundingClientRect().right;
    });
  await expect.poll(async () => Math.abs((await caretLeft()) - (await lineEnd()))).toBeLessThan(4);
});

test("a collaborator's caret moves with the text when the page re-wraps", async ({ openUser }) => {
  const ann = await openUser('Ann Archer');
  const ben = await openUser('Ben Brook');
  await ann.page.setViewportSize({ width: 1280, height: 900 });
  await focusEnd(ann);
  await ann.page.keyboard.type('# A heading long enough to wrap onto several lines on a narrow phone screen');
  await ann.page.keyboard.press('Enter');
  await ann.page.keyboard.type('Body text.');
  await expect.poll(() => documentText(ben)).toContain('Body text.');
  await focusEnd(ben);
  await expect(ann.page.getByTestId('editor-frame').getByText('Ben Brook', { exact: true })).toHaveCount(1);
  /** How far Ben's caret is drawn from the end of "Body text.", in pixels, on Ann's page. */
  const caretOffset = () =>
    ann.page.evaluate(() => {
      const caret = document.querySelector('.ed-remote-caret')!.getBoundingClientRect();
      const paragraphs = document.querySelectorAll('[data-testid=editor] p');
      const range = document.createRange();
      range.selectNodeContents(paragraphs[paragraphs.length - 1]!);
      const end = range.getBoundingClientRect();
      return Math.max(Math.abs(caret.left - end.right), Math.abs(caret.top - end.top));
    });
  await expect.poll(caretOffset).toBeLessThan(4);
  await ann.page.setViewportSize({ width: 390, height: 844 }); // the heading now wraps: the body text moves down
  await expect.poll(caretOffset).toBeLessThan(4);
  await ann.page.setViewportSize({ width: 1280, height: 900 });
  await expect.poll(caretOffset).toBeLessThan(4);
});

test("after someone undoes (or redoes) a change of block type, the others see their caret where it is", async ({ openUser }) => {
  const ann = await openUser('Ann Archer');
  const ben = await openUser('Ben Brook');
  await typeLinesAtEnd(ann, 'first para text', 'second para', 'list one');
  await expect.poll(() => documentText(ben)).toBe('first para text\nsecond para\nlist one');
  /** How far Ann's caret is drawn from the end of "list one", in pixels, on Ben's page. */
  const caretOffset = () =>
    ben.page.evaluate(() => {
      const caret = document.querySelector('.ed-remote-caret')?.getBoundingClientRect();
      const root = document.querySelector('[data-testid=editor] [contenteditable]');
      const walker = document.createTreeWalker(root!, NodeFilter.SHOW_TEXT);
      let lastText: Text | null = null;
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) lastText = node as Text;
      if (caret === undefined || lastText === null) return Number.POSITIVE_INFINITY;
      const range = document.createRange();
      range.setStart(lastText, lastText.length);
      const end = range.getBoundingClientRect();
      return Math.max(Math.abs(caret.left - end.left), Math.abs(caret.top - end.top));
    });
  await expect.poll(caretOffset).toBeLessThan(4);
  for (const [shortcut, line] of [['Control+Shift+9', 'list one'], ['Control+Alt+2', 'heading two']] as const) {
    if (line !== 'list one') {
      await ann.page.keyboard.press('Enter');
      await ann.page.keyboard.type(line);
      await expect.poll(() => documentText(ben)).toContain(line);
    }
    await ann.page.keyboard.press(shortcut);
    await expect(ben.editable.locator(':scope > *').last()).not.toHaveJSProperty('tagName', 'P');
    await ann.page.keyboard.press('Control+z');
    await expect(ben.editable.locator(':scope > *').last()).toHaveJSProperty('tagName', 'P');
    // Before, Ben saw Ann's caret at the end of "second para" until she typed again.
    await expect.poll(caretOffset, { message: `${shortcut} undone` }).toBeLessThan(4);
    await ann.page.keyboard.press('Control+Shift+z');
    await expect(ben.editable.locator(':scope > *').last()).not.toHaveJSProperty('tagName', 'P');
    await expect.poll(caretOffset, { message: `${shortcut} redone` }).toBeLessThan(4);
    await ann.page.keyboard.press('Control+z');
    await expect.poll(caretOffset, { message: `${shortcut} undone again` }).toBeLessThan(4);
  }
  expect(await documentText(ben)).toBe('first para text\nsecond para\nlist one\nheading two');
});

// Palette colours as the browser reports them.
const orange = 'rgb(194, 65, 12)';
const amber = 'rgb(163, 82, 0)';
const olive = 'rgb(77, 124, 15)';

/** The colour of `name`'s avatar in the presence list on `viewer`'s page. */
function avatarColor(viewer: User, name: string): Promise<string> {
  return viewer.page.getByTestId('presence').getByTestId('presence-user').filter({ hasText: name }).evaluate((avatar) => getComputedStyle(avatar).backgroundColor);
}

/** The colour of the user's own avatar (the rename button) on their page. */
function selfColor(user: User): Promise<string> {
  return user.page.getByTestId('self-avatar').evaluate((avatar) => getComputedStyle(avatar).backgroundColor);
}
