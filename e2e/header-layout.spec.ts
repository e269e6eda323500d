// The editor's header row at every width: the actions stay on the title's row (icons where their words do not fit),
// nothing runs off the window, a long title ends in an ellipsis, and every action keeps its name.
import { adminApi } from './support/admin-api';
import { expect, test } from './fixtures';

const TITLE = 'Quarterly planning notes for the whole design team';
const WIDTHS = [1280, 1024, 900, 768, 600, 375, 320];
const ACTIONS = [
  { name: 'Share', testId: 'share' },
  { name: 'Download', testId: 'download-open' },
  { name: 'History', testId: 'history-open' },
];

test('the header keeps the title, the avatars and every action on one row from 1280 down to 320 px, a long title cut short', async ({ openUser, tandem, docName }) => {
  await adminApi(tandem).importDoc(docName, 'markdown', `# ${TITLE}\n\nThe first paragraph.`);
  const ann = await openUser('Ann Archer');
  await openUser('Ben Brook');
  const { page } = ann;
  await expect(page.getByTestId('doc-title')).toHaveText(TITLE);
  await expect(page.getByTestId('presence-user')).toHaveCount(1);

  // Where each part of the header lies: every action and avatar overlaps the title's lines (one band), and nothing
  // reaches past the window's right edge.
  const layout = () =>
    page.evaluate((testIds) => {
      const box = (element: Element | null) => element!.getBoundingClientRect();
      const title = box(document.querySelector('[data-testid=doc-title]'));
      const others = [...testIds.map((id) => `[data-testid=${id}]`), '[data-testid=presence-user]', '[data-testid=self-avatar]'].map((selector) => box(document.querySelector(selector)));
      return {
        oneRow: others.every((other) => other.top < title.bottom && other.bottom > title.top),
        fits: document.documentElement.scrollWidth <= window.innerWidth && others.every((other) => other.right <= window.innerWidth && other.left >= 0),
        titleShown: title.width >= 60,
      };
    }, ACTIONS.map((action) => action.testId));

  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 700 });
    await expect.poll(layout, { message: `${width} px` }).toEqual({ oneRow: true, fits: true, titleShown: true });
    for (const { name, testId } of ACTIONS) {
      const button = page.getByRole('button', { name, exact: true });
      await expect(button, `${name} at ${width} px`).toBeVisible();
      await expect(button, `${name} at ${width} px`).toHaveAttribute('data-testid', testId);
    }
  }

  // At 320 px the title is cut short with an ellipsis; the whole of it is in its tooltip.
  const title = page.getByTestId('doc-title');
  expect(await title.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
  await expect(title).toHaveAttribute('title', new RegExp(`^${TITLE}`));
  // The actions still work from their icons: History opens the drawer.
  await page.getByRole('button', { name: 'History', exact: true }).click();
  await expect(page.getByTestId('history')).toBeVisible();
});
