// What comes in by the clipboard and by dragging that the editor must read rightly: copies from VS Code (Markdown to
// convert, code to keep as code) and files the document cannot hold (pictures and the like), which it says it left out.
import { adminApi } from './support/admin-api';
import { documentText, expect, focusEnd, test, type User } from './fixtures';

/** The HTML VS Code puts on the clipboard (Chrome's shape): one monospace block, a <div> a line, <br> an empty line. */
function vscodeHtml(text: string): string {
  const escape = (line: string) => line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const lines = text.split('\n').map((line) => (line === '' ? '<br>' : `<div><span style="color: #9cdcfe;">${escape(line)}</span></div>`));
  return `<meta charset='utf-8'><div style="color: #cccccc;background-color: #1f1f1f;font-family: Consolas, 'Courier New', monospace;`
    + `font-weight: normal;font-size: 14px;line-height: 19px;white-space: pre;">${lines.join('')}</div>`;
}

/**
 * Pastes `text` at the caret as a copy from a file of language `mode` in VS Code: its text, its HTML and its entry
 * naming the language; with `mode` null, without that entry, as Firefox and Safari give it.
 */
async function pasteFromVscode(user: User, text: string, mode: string | null): Promise<void> {
  const editorData = mode === null ? null : JSON.stringify({ version: 1, isFromEmptySelection: false, multicursorText: null, mode });
  await user.editable.evaluate(
    (element, { text, html, editorData }) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      data.setData('text/html', html);
      if (editorData !== null) data.setData('vscode-editor-data', editorData);
      element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    { text, html: vscodeHtml(text), editorData },
  );
}

/** Drops files (name, type, content) on the end of the document's last line, as a file manager does. */
async function dropFiles(user: User, files: ReadonlyArray<readonly [string, string, string]>): Promise<void> {
  await user.editable.evaluate((element, files) => {
    const data = new DataTransfer();
    for (const [name, type, content] of files) data.items.add(new File([content], name, { type }));
    const line = element.lastElementChild!.getBoundingClientRect();
    element.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true, clientX: line.right - 1, clientY: line.top + line.height / 2 }));
  }, files);
}

test('Markdown copied from VS Code arrives formatted, as one undo step; in a code block it stays as written', async ({ openUser }) => {
  const ann = await openUser('Ann');
  const ben = await openUser('Ben');
  await focusEnd(ann);
  await pasteFromVscode(ann, '## Plan\n\nWe **ship** on [Friday](https://example.com/f).\n\n- one\n- two\n', 'markdown');
  // Before, VS Code's HTML won: a code block of the Markdown as typed, '## ' and '**' and all.
  await expect.poll(() => documentText(ben)).toBe('Plan\nWe ship on Friday.\none\ntwo');
  await expect(ben.editable.locator('h2')).toHaveText('Plan');
  await expect(ben.editable.locator('strong')).toHaveText('ship');
  await expect(ben.editable.locator('a')).toHaveAttribute('href', 'https://example.com/f');
  await expect(ben.editable.locator('ul > li')).toHaveText(['one', 'two']);
  await expect(ben.editable.locator('code')).toHaveCount(0);
  await ann.page.keyboard.press('Control+z');
  await expect.poll(() => documentText(ben)).toBe('');
  // One line copied from a Markdown file and put on a line of its own is Markdown too.
  await pasteFromVscode(ann, '# Title', 'markdown');
  await expect(ben.editable.locator('h1')).toHaveText('Title');
  // Into a code block, the Markdown goes as written, a line of the block for each line.
  await ann.page.keyboard.press('Enter');
  await ann.page.keyboard.type('```md ');
  await pasteFromVscode(ann, '- a\n- **b**', 'markdown');
  await expect(ben.editable.locator('code')).toHaveText('- a- **b**');
  await expect(ben.editable.locator('code br')).toHaveCount(1);
});

test('code copied from VS Code comes as a code block in its language, every line kept; part of a line stays in the sentence', async ({ openUser, tandem, docName }) => {
  const ann = await openUser('Ann');
  const ben = await openUser('Ben');
  await focusEnd(ann);
  await ann.page.keyboard.type('Call ');
  await pasteFromVscode(ann, 'f(**kwargs)', 'python');
  await ann.page.keyboard.type(' first.');
  await ann.page.keyboard.press('Enter');
  await pasteFromVscode(ann, 'const a = 1;\n\nexport function b() {\n\treturn a;\n}\n', 'typescript');
  await expect(ben.editable.locator('code[data-language]')).toHaveAttribute('data-language', 'typescript');
  await expect(ben.editable.locator('p').first()).toHaveText('Call f(**kwargs) first.');
  await expect(ann.page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  // Before, the lines became a code block with no language.
  expect(await adminApi(tandem).exportDoc(docName, 'markdown')).toBe(
    'Call f(\\*\\*kwargs) first.\n\n```typescript\nconst a = 1;\n\nexport function b() {\n\treturn a;\n}\n```\n',
  );
});

test('code copied from VS Code keeps its lines where the browser gives no word of its language', async ({ openUser, tandem, docName }) => {
  const ann = await openUser('Ann');
  await focusEnd(ann);
  await pasteFromVscode(ann, 'if (a) {\n\n  go();\n}', null);
  await expect(ann.page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  // Before, the empty line came in twice.
  await expect.poll(() => adminApi(tandem).exportDoc(docName, 'markdown')).toBe('```\nif (a) {\n\n  go();\n}\n```\n');
});

test('a picture dropped or pasted on the document is not added, and the page says so', async ({ openUser }) => {
  const ann = await openUser('Ann');
  await focusEnd(ann);
  await ann.page.keyboard.type('Holiday');
  const notice = ann.page.getByTestId('files-not-added');
  await dropFiles(ann, [['beach.png', 'image/png', 'not really a picture']]);
  // Before, nothing happened and nothing was said.
  await expect(notice).toHaveText(/Pictures can't go in a Tandem document yet\.\s*beach\.png was not added\./);
  // Read out to a screen reader, by the region that was on the page before the notice came (a new one may go unread).
  await expect(ann.page.getByTestId('page-announcement')).toHaveText(/^Pictures can't go in a Tandem document yet\. beach\.png was not added\.$/);
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
  // A screenshot pasted: files on the clipboard, and no text.
  await ann.editable.evaluate((element) => {
    const data = new DataTransfer();
    data.items.add(new File(['pixels'], 'image.png', { type: 'image/png' }));
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(notice).toHaveText(/Pictures can't go in a Tandem document yet\.\s*image\.png was not added\./);
  expect(await documentText(ann)).toBe('Holiday');
});

test('a Markdown file dropped with a PDF goes in, and the page names the PDF it left out', async ({ openUser }) => {
  const ann = await openUser('Ann');
  const ben = await openUser('Ben');
  await focusEnd(ann);
  await ann.page.keyboard.type('Minutes');
  await dropFiles(ann, [['notes.md', '', 'Agreed: ship on **Friday**.'], ['budget.pdf', 'application/pdf', '%PDF-1.7']]);
  await expect.poll(() => documentText(ben)).toBe('Minutes\nAgreed: ship on Friday.');
  await expect(ben.editable.locator('strong')).toHaveText('Friday');
  await expect(ann.page.getByTestId('files-not-added')).toHaveText(
    /Only text can go in a Tandem document\.\s*budget\.pdf was not added; text and Markdown files \(\.txt, \.md\) can be dropped in\./,
  );
  await expect(ben.page.getByTestId('files-not-added')).toHaveCount(0);
});

test('the notice goes by itself 10 s after the last drop, and the page stays connected through the wait', async ({ openUser }) => {
  // Playwright's clock runs the page's timers, the notice's wait among them: the test moves it on, rather than waiting.
  const ann = await openUser('Ann', { hasFakeClock: true });
  const ben = await openUser('Ben');
  await focusEnd(ann);
  await ann.page.keyboard.type('Holiday');
  const notice = ann.page.getByTestId('files-not-added');
  await dropFiles(ann, [['beach.png', 'image/png', 'not really a picture']]);
  await expect(notice).toContainText('beach.png was not added.');
  await ann.page.clock.fastForward(6_000);
  await expect(notice).toBeVisible();
  // A second drop's notice stays its full 10 s: past the first one's, it is still there.
  await dropFiles(ann, [['sea.png', 'image/png', 'not really a picture']]);
  await expect(notice).toContainText('sea.png was not added.');
  await ann.page.clock.fastForward(6_000);
  await expect(notice).toBeVisible();
  await ann.page.clock.fastForward(4_500);
  await expect(notice).toHaveCount(0);
  // The jump in time did not cost the connection: what Ann types next reaches Ben.
  await expect(ann.page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
  await ann.page.keyboard.type(' at sea');
  await expect.poll(() => documentText(ben)).toBe('Holiday at sea');
});

test('the notice is dismissed from the keyboard, by Escape or its button, and the focus goes back to the text', async ({ openUser }) => {
  const ann = await openUser('Ann');
  await focusEnd(ann);
  await ann.page.keyboard.type('Holiday');
  const notice = ann.page.getByTestId('files-not-added');
  const dismiss = notice.getByRole('button', { name: 'Dismiss' });
  await dropFiles(ann, [['beach.png', 'image/png', 'not really a picture']]);
  await expect(notice).toBeVisible();
  // Escape leaves the text (indent-plugin.tsx), and leaves the notice alone; Shift+Tab goes up to its button.
  await ann.page.keyboard.press('Escape');
  await expect(notice).toBeVisible();
  await ann.page.keyboard.press('Shift+Tab');
  await expect(dismiss).toBeFocused();
  // Before, Escape did nothing here, and the button's press dropped the focus on the page's body.
  await ann.page.keyboard.press('Escape');
  await expect(notice).toHaveCount(0);
  await expect(ann.editable).toBeFocused();
  await ann.page.keyboard.type(' at sea');
  await dropFiles(ann, [['sea.png', 'image/png', 'not really a picture']]);
  await ann.page.keyboard.press('Escape');
  await ann.page.keyboard.press('Shift+Tab');
  await expect(dismiss).toBeFocused();
  await ann.page.keyboard.press('Enter');
  await expect(notice).toHaveCount(0);
  await expect(ann.editable).toBeFocused();
  await ann.page.keyboard.type('!');
  await expect.poll(() => documentText(ann)).toBe('Holiday at sea!');
});

test('on a phone, a dropped file with a long name wraps in the notice, which keeps its button in view', async ({ openUser }) => {
  const ann = await openUser('Ann');
  await ann.page.setViewportSize({ width: 375, height: 700 });
  await focusEnd(ann);
  const name = 'IMG20260801123456789012345678901234567890.png';
  await dropFiles(ann, [[name, 'image/png', 'not really a picture']]);
  const notice = ann.page.getByTestId('files-not-added');
  await expect(notice).toContainText(`${name} was not added.`);
  // Before, the name ran past the screen's edge in one piece, the page scrolled sideways, and Dismiss was off screen.
  expect(await ann.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await expect(notice.getByRole('button', { name: 'Dismiss' })).toBeInViewport({ ratio: 1 });
});

test('the notice stays while the pointer or the focus is on it, and goes 10 s after they leave', async ({ openUser }) => {
  const ann = await openUser('Ann', { hasFakeClock: true });
  await focusEnd(ann);
  await ann.page.keyboard.type('Holiday');
  const notice = ann.page.getByTestId('files-not-added');
  const dismiss = notice.getByRole('button', { name: 'Dismiss' });
  await dropFiles(ann, [['beach.png', 'image/png', 'not really a picture']]);
  // Someone reading it, the pointer on it: before, it went from under the pointer all the same.
  await notice.hover();
  await ann.page.clock.fastForward(12_000);
  await expect(notice).toBeVisible();
  const text = (await ann.editable.boundingBox())!;
  await ann.page.mouse.move(text.x + 10, text.y + text.height - 5);
  await ann.page.clock.fastForward(6_000);
  await expect(notice).toBeVisible();
  await ann.page.clock.fastForward(4_500);
  await expect(notice).toHaveCount(0);
  // Someone about to press Dismiss from the keyboard: the button is still there when they do.
  await dropFiles(ann, [['sea.png', 'image/png', 'not really a picture']]);
  await ann.page.keyboard.press('Escape');
  await ann.page.keyboard.press('Shift+Tab');
  await expect(dismiss).toBeFocused();
  await ann.page.clock.fastForward(12_000);
  await expect(dismiss).toBeFocused();
  await ann.page.keyboard.press('Enter');
  await expect(notice).toHaveCount(0);
  await expect(ann.editable).toBeFocused();
});
