// Inserting a link with nothing selected, as in Google Docs: Ctrl+K (or the toolbar's link button) asks for the
// address and the text to show, and puts that text, linked, at the caret; every collaborator sees the link. The
// address field comes first and has the focus, so an address typed straight away and Enter still makes a link. With
// text selected the text field holds it, and a new text there replaces it.
import { documentText, expect, focusEnd, selectByKeys, test, typeLinesAtEnd, type User } from './fixtures';

/** The link form and its two fields, found by the names screen readers announce. */
function linkForm(user: User) {
  // By its test id: the bar under a link, which shows once the caret is in the new link, is a dialog named Link too.
  const form = user.page.getByTestId('link-editor');
  return {
    form,
    text: form.getByRole('textbox', { name: 'Text to show' }),
    address: form.getByRole('textbox', { name: 'Link address' }),
  };
}

test('Ctrl+K with nothing selected asks for the address and the text, inserts the linked text at the caret, and the others see it', async ({ openUser }) => {
  const ann = await openUser('Ann');
  const ben = await openUser('Ben');
  await focusEnd(ann);
  await ann.page.keyboard.type('Notes are in ');
  await ann.page.keyboard.press('Control+k');
  const { form, text, address } = linkForm(ann);
  await expect(address).toBeFocused();
  await expect(text).toHaveAttribute('data-testid', 'link-text-input');
  await expect(address).toHaveAttribute('data-testid', 'link-input');
  await ann.page.keyboard.type('example.com/plan');
  await ann.page.keyboard.press('Tab');
  await expect(text).toBeFocused();
  await ann.page.keyboard.type('the plan');
  await ann.page.keyboard.press('Enter');
  await expect(form).toHaveCount(0);

  const link = ann.editable.locator('a');
  await expect(link).toHaveText('the plan');
  await expect(link).toHaveAttribute('href', 'https://example.com/plan');
  // The caret is back in the text, after the link: what is typed next goes on beside it, not into it.
  await ann.page.keyboard.type(' today.');
  await expect.poll(() => documentText(ann)).toBe('Notes are in the plan today.');
  await expect(link).toHaveText('the plan');

  await expect.poll(() => documentText(ben)).toBe('Notes are in the plan today.');
  await expect(ben.editable.locator('a')).toHaveText('the plan');
  await expect(ben.editable.locator('a')).toHaveAttribute('href', 'https://example.com/plan');
});

test('the link button with nothing selected and no text typed inserts the address itself, in the formatting at the caret', async ({ openUser }) => {
  const ann = await openUser('Ann');
  await focusEnd(ann);
  await ann.page.keyboard.type('Call ');
  await ann.page.keyboard.press('Control+b');
  await ann.page.getByTestId('toolbar').locator('button[data-action=link]').click();
  const { form, address } = linkForm(ann);
  await expect(address).toBeFocused();
  await ann.page.keyboard.type('tel:+441234');
  await ann.page.keyboard.press('Enter');
  await expect(form).toHaveCount(0);

  const link = ann.editable.locator('a');
  await expect(link).toHaveText('tel:+441234');
  await expect(link).toHaveAttribute('href', 'tel:+441234');
  // Bold was on at the caret, so the link's text is bold, as typed letters would be.
  await expect(link.locator('strong, b, .editor-text-bold')).toHaveText('tel:+441234');
});

test('Enter in the text field adds the link; without an address it says so and moves to the address field', async ({ openUser }) => {
  const ann = await openUser('Ann');
  await focusEnd(ann);
  await ann.page.keyboard.type('Read ');
  await ann.page.keyboard.press('Control+k');
  const { form, text, address } = linkForm(ann);
  await expect(address).toBeFocused();
  await ann.page.keyboard.press('Tab');
  await expect(text).toBeFocused();
  await ann.page.keyboard.type('the guide');
  await ann.page.keyboard.press('Enter');
  await expect(form.getByRole('alert')).toContainText('Enter a web address');
  await expect(address).toBeFocused();
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await expect(ann.editable.locator('a')).toHaveCount(0);

  await ann.page.keyboard.type('example.org/guide');
  // On to the text field, the way a keyboard user goes, and Enter from there.
  await ann.page.keyboard.press('Tab');
  await expect(text).toBeFocused();
  await ann.page.keyboard.press('Enter');
  await expect(form).toHaveCount(0);
  await expect(ann.editable.locator('a')).toHaveText('the guide');
  await expect(ann.editable.locator('a')).toHaveAttribute('href', 'https://example.org/guide');
  // Enter came right after the Tab: the caret is still after the new link, not back where the form opened.
  await ann.page.keyboard.type(' first.');
  await expect.poll(() => documentText(ann)).toBe('Read the guide first.');
  await expect(ann.editable.locator('a')).toHaveText('the guide');
});

test('Escape closes the link form without a link and the typing goes on at the caret', async ({ openUser }) => {
  const ann = await openUser('Ann');
  await focusEnd(ann);
  await ann.page.keyboard.type('Hello');
  await ann.page.keyboard.press('Control+k');
  const { form, address } = linkForm(ann);
  await expect(address).toBeFocused();
  await ann.page.keyboard.type('not this');
  await ann.page.keyboard.press('Escape');
  await expect(form).toHaveCount(0);
  await expect(ann.editable).toBeFocused();
  await ann.page.keyboard.type(' world');
  await expect.poll(() => documentText(ann)).toBe('Hello world');
  await expect(ann.editable.locator('a')).toHaveCount(0);
});

test('with text selected the form shows that text; a new text replaces it, linked, and one undo takes both back', async ({ openUser }) => {
  const ann = await openUser('Ann');
  const ben = await openUser('Ben');
  await focusEnd(ann);
  await ann.page.keyboard.type('Read the old notes');
  await selectByKeys(ann.page, 'Control+Shift+ArrowLeft', 'notes');
  await ann.page.keyboard.press('Control+k');
  const { form, text, address } = linkForm(ann);
  // The address first, with the focus; the text below it, holding the selection.
  await expect(address).toBeFocused();
  await expect(text).toHaveValue('notes');
  const [addressBox, textBox] = [await address.boundingBox(), await text.boundingBox()];
  expect(addressBox!.y).toBeLessThan(textBox!.y);
  // Escape leaves everything as it was.
  await ann.page.keyboard.type('example.com/x');
  await ann.page.keyboard.press('Tab');
  await ann.page.keyboard.type(' and more');
  await ann.page.keyboard.press('Escape');
  await expect(form).toHaveCount(0);
  await expect(ann.editable.locator('a')).toHaveCount(0);
  await expect.poll(() => documentText(ann)).toBe('Read the old notes');

  await ann.page.keyboard.press('Control+k');
  await expect(text).toHaveValue('notes');
  await ann.page.keyboard.type('example.com/plan');
  await ann.page.keyboard.press('Tab');
  await expect(text).toBeFocused();
  await text.fill('new plan');
  await ann.page.keyboard.press('Enter');
  await expect(form).toHaveCount(0);
  for (const user of [ann, ben]) {
    await expect.poll(() => documentText(user)).toBe('Read the old new plan');
    await expect(user.editable.locator('a')).toHaveText('new plan');
    await expect(user.editable.locator('a')).toHaveAttribute('href', 'https://example.com/plan');
  }
  // The caret waits after the link.
  await ann.page.keyboard.type('!');
  await expect.poll(() => documentText(ben)).toBe('Read the old new plan!');
  await ann.page.keyboard.press('Control+z'); // the "!"
  await expect.poll(() => documentText(ben)).toBe('Read the old new plan');
  // One step: the selected words come back, unlinked.
  await ann.page.keyboard.press('Control+z');
  await expect.poll(() => documentText(ben)).toBe('Read the old notes');
  await expect(ben.editable.locator('a')).toHaveCount(0);
});

test('with text selected, an address and Enter links that text as it is, formatting and all', async ({ openUser }) => {
  const ann = await openUser('Ann');
  await focusEnd(ann);
  await ann.page.keyboard.type('Call ');
  await ann.page.keyboard.press('Control+b');
  await ann.page.keyboard.type('the desk');
  await selectByKeys(ann.page, 'Shift+Home', 'Call the desk');
  await ann.page.keyboard.press('Control+k');
  const { form, text, address } = linkForm(ann);
  await expect(address).toBeFocused();
  await expect(text).toHaveValue('Call the desk');
  await ann.page.keyboard.type('tel:+441234');
  await ann.page.keyboard.press('Enter');
  await expect(form).toHaveCount(0);
  const link = ann.editable.locator('a');
  await expect(link).toHaveText('Call the desk');
  await expect(link).toHaveAttribute('href', 'tel:+441234');
  await expect(link.locator('strong, b, .editor-text-bold')).toHaveText('the desk');
});

test('in a small window (640 × 400, a laptop at 200 %), the link form opens by the caret inside the text, not over the toolbar', async ({ openUser }) => {
  const ann = await openUser('Ann');
  await ann.page.setViewportSize({ width: 640, height: 400 });
  await typeLinesAtEnd(ann, ...Array.from({ length: 12 }, (_, index) => `Line ${index + 1} of the notes`));
  // The caret on a line 230 px down: too low for the form to fit under it, too high for it to fit above under the
  // toolbar (which ends about 90 px down).
  const line = ann.editable.locator('p').nth(7);
  await line.evaluate((paragraph) => window.scrollBy(0, paragraph.getBoundingClientRect().top - 230));
  await line.click();
  await ann.page.keyboard.press('End');
  await expect.poll(() => ann.page.evaluate(() => window.getSelection()?.anchorNode?.textContent)).toBe('Line 8 of the notes');
  await ann.page.keyboard.type(' (see ');
  await ann.page.keyboard.press('Control+k');
  const { form, address } = linkForm(ann);
  await expect(address).toBeFocused();
  const place = () =>
    ann.page.evaluate(() => {
      const box = document.querySelector('[data-testid=link-editor]')!.getBoundingClientRect();
      const bar = document.querySelector('.top-bar')!.getBoundingClientRect();
      const line = document.querySelectorAll('[data-testid=editor] p')[7]!.getBoundingClientRect();
      return {
        belowToolbar: box.top >= bar.bottom,
        inWindow: box.bottom <= window.innerHeight,
        clearOfLine: box.top >= line.bottom || box.bottom <= line.top,
      };
    });
  await expect.poll(place).toEqual({ belowToolbar: true, inWindow: true, clearOfLine: true });
  await ann.page.keyboard.type('example.com/notes');
  await ann.page.keyboard.press('Enter');
  await expect(form).toHaveCount(0);
  await expect(ann.editable.locator('a')).toHaveText('https://example.com/notes');
  await expect(line).toHaveText('Line 8 of the notes (see https://example.com/notes');
});
