// Playwright fixtures: one Tandem server per worker, a fresh document per test, and `openUser(name)` that gives
// each person their own BrowserContext (own storage, own network) on that document.
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { startTandem, type TandemServer } from './support/tandem-server';

export interface User {
  name: string;
  page: Page;
  context: BrowserContext;
  editable: ReturnType<Page['locator']>;
}

interface TestFixtures {
  docName: string;
  openUser: (
    name: string,
    options?: { doc?: string; query?: string; waitConnected?: boolean; clockSkewMs?: number; hasFakeClock?: boolean },
  ) => Promise<User>;
}

interface WorkerFixtures {
  tandem: TandemServer;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  tandem: [
    async ({}, use) => {
      const server = await startTandem();
      await use(server);
      await server.stop();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  docName: async ({}, use, testInfo) => {
    await use(`e2e-${testInfo.workerIndex}-${randomBytes(5).toString('hex')}`);
  },
  openUser: async ({ browser, tandem, docName }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (name, options = {}) => {
      const context = await browser.newContext();
      contexts.push(context);
      // A computer whose clock is off: Date.now() in its pages runs that far ahead (or behind, when negative).
      if (options.clockSkewMs !== undefined) {
        await context.addInitScript((skew) => {
          const now = Date.now.bind(Date);
          Date.now = () => now() + skew;
        }, options.clockSkewMs);
      }
      const page = await context.newPage();
      // Playwright's clock, installed before the page loads: a test moves its timers on with page.clock.fastForward.
      if (options.hasFakeClock === true) await page.clock.install();
      const query = `name=${encodeURIComponent(name)}${options.query ? `&${options.query}` : ''}`;
      await page.goto(`${tandem.url}/d/${options.doc ?? docName}?${query}`);
      if (options.waitConnected !== false) {
        await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
      }
      const editable = page.locator('[data-testid=editor] [contenteditable=true]');
      return { name, page, context, editable };
    });
    for (const context of contexts) await context.close();
  },
});

export { expect };

/** The document's visible text, paragraphs joined by newlines. */
export async function documentText(user: User): Promise<string> {
  return (await user.editable.innerText()).replace(/\n+/g, '\n').trim();
}

/**
 * Puts the caret at the end of the document, and waits until it is there: the browser moves it when the key is
 * handled, and the editor learns of the move from a selectionchange event a task later. A key pressed before that
 * (Enter, say) could act where the click had put the caret.
 */
export async function focusEnd(user: User): Promise<void> {
  await user.editable.click();
  await user.page.keyboard.press('Control+End');
  await expect
    .poll(() =>
      user.editable.evaluate((root) => {
        const selection = window.getSelection();
        if (selection === null || !selection.isCollapsed || selection.anchorNode === null || !root.contains(selection.anchorNode)) return false;
        const afterCaret = document.createRange();
        afterCaret.selectNodeContents(root);
        afterCaret.setStart(selection.anchorNode, selection.anchorOffset);
        return afterCaret.toString() === '';
      }),
    )
    .toBe(true);
}

/** Types `lines` at the end of the document, Enter between them. */
export async function typeLinesAtEnd(user: User, ...lines: string[]): Promise<void> {
  await focusEnd(user);
  for (const [index, line] of lines.entries()) {
    if (index > 0) await user.page.keyboard.press('Enter');
    await user.page.keyboard.type(line);
  }
}

/**
 * Presses `keys` and waits until the browser has selected `expected` and Lexical has taken that selection. Lexical
 * reads a new selection from the document's selectionchange event, which the browser may deliver after the next key
 * press it is sent; so the listener is in place before the keys are pressed (an evaluate started alongside the press
 * could come too late), and resolves a task after the event, once Lexical's update has run.
 */
export async function selectByKeys(page: Page, keys: string, expected: string): Promise<void> {
  await selecting(page, expected, () => page.keyboard.press(keys));
}

/** Runs `act` (a key press, a double click) and waits until the browser has selected `expected` and Lexical has it. */
export async function selecting(page: Page, expected: string, act: () => Promise<void>): Promise<void> {
  await page.evaluate((text) => {
    (window as unknown as { selected: Promise<void> }).selected = new Promise<void>((resolve) => {
      document.addEventListener('selectionchange', function onChange() {
        if (window.getSelection()?.toString() !== text) return;
        document.removeEventListener('selectionchange', onChange);
        setTimeout(resolve, 0);
      });
    });
  }, expected);
  await act();
  await page.evaluate(() => (window as unknown as { selected: Promise<void> }).selected);
}
