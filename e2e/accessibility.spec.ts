// What a screen reader, speech control or someone with low vision meets: axe-core's checks (contrast, names,
// landmarks, roles) on the home page and on the editor with each of its dialogs open, in light and dark.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, focusEnd, test } from './fixtures';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** The page's faults, one line each ("color-contrast: … at .word-count"), so a failure says what and where. */
async function faultsOf(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document)).violations;
  });
  return violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`the home page and the editor with its link form, shortcuts list, version history and a drop's notice pass axe-core's checks (${scheme})`, async ({ openUser, tandem }) => {
    const ann = await openUser('Ann');
    const { page } = ann;
    await page.emulateMedia({ colorScheme: scheme });
    await focusEnd(ann);
    await page.keyboard.type('Trip plan');
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
    expect(await faultsOf(page), 'the editor').toEqual([]);

    // A picture dropped on the text: the notice under the toolbar that it was not added, with its Dismiss button.
    await ann.editable.evaluate((element) => {
      const data = new DataTransfer();
      data.items.add(new File(['pixels'], 'beach.png', { type: 'image/png' }));
      element.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await expect(page.getByTestId('files-not-added')).toBeVisible();
    expect(await faultsOf(page), 'the notice of a file not added').toEqual([]);
    await page.getByTestId('files-not-added').getByRole('button', { name: 'Dismiss' }).click();

    await page.keyboard.press('Control+k');
    await expect(page.getByTestId('link-editor')).toBeVisible();
    expect(await faultsOf(page), 'the link form').toEqual([]);
    await page.keyboard.press('Escape');

    await page.keyboard.press('Control+/');
    await expect(page.getByTestId('shortcuts')).toBeVisible();
    expect(await faultsOf(page), 'the shortcuts list').toEqual([]);
    await page.keyboard.press('Escape');

    await page.getByTestId('history-open').click();
    await expect(page.getByTestId('history')).toBeVisible();
    expect(await faultsOf(page), 'the version history').toEqual([]);

    await page.goto(`${tandem.url}/`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await faultsOf(page), 'the home page').toEqual([]);
  });
}
