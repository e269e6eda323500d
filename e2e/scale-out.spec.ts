// Scale-out in the browser: two people on two server instances (sharing PostgreSQL and Redis) edit one document
// together and see each other's carets. Needs TEST_DATABASE_URL and TEST_REDIS_URL; skipped without them (with a
// message saying so), and a failure instead under CI=true.
import { test as base, type BrowserContext } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { createCluster, type ScaleOutCluster } from '../server/src/test-support/scale-out-cluster';
import type { ServerProcess } from '../server/src/test-support/server-process';
import { findTestService } from '../server/src/test-support/services';
import { documentText, expect, focusEnd, type User } from './fixtures';

const postgres = findTestService('TEST_DATABASE_URL');
const redis = findTestService('TEST_REDIS_URL');
const missing = [postgres, redis].filter((service) => service.url === null).map((service) => service.variable);

const test = base.extend<{ openUserOn: (instance: ServerProcess, doc: string, name: string) => Promise<User> }>({
  openUserOn: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (instance, doc, name) => {
      const context = await browser.newContext();
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${instance.url}/d/${doc}?name=${encodeURIComponent(name)}`);
      await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
      return { name, page, context, editable: page.locator('[data-testid=editor] [contenteditable=true]') };
    });
    for (const context of contexts) await context.close();
  },
});

test.describe('two instances behind one database and one Redis', () => {
  test.skip(missing.length > 0, `set ${missing.join(' and ')} (e.g. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test TEST_REDIS_URL=redis://127.0.0.1:6379) to run it`);
  test.describe.configure({ timeout: 120_000 });

  let cluster: ScaleOutCluster;
  let instances: [ServerProcess, ServerProcess];

  test.beforeAll(async () => {
    cluster = createCluster({ databaseUrl: postgres.requireUrl(), redisUrl: redis.requireUrl() });
    instances = await Promise.all([cluster.start(), cluster.start()]);
  });
  test.afterAll(async () => {
    await cluster?.stop();
  });

  test('users on different instances edit together and see each other’s carets', async ({ openUserOn }) => {
    const doc = `e2e-scale-${randomBytes(5).toString('hex')}`;
    const [a, b] = instances;
    const ann = await openUserOn(a, doc, 'Ann Archer');
    const ben = await openUserOn(b, doc, 'Ben Brook');

    await focusEnd(ann);
    await ann.page.keyboard.type('Ann on instance A');
    await expect.poll(() => documentText(ben)).toBe('Ann on instance A');
    await focusEnd(ben);
    await ben.page.keyboard.press('Enter');
    await ben.page.keyboard.type('Ben on instance B');
    await expect.poll(() => documentText(ann)).toBe('Ann on instance A\nBen on instance B');

    // Remote carets are drawn in the editor frame, beside the text (so their labels never count as content).
    await expect(ann.page.getByTestId('editor-frame').getByText('Ben Brook', { exact: true })).toBeVisible();
    await expect(ben.page.getByTestId('editor-frame').getByText('Ann Archer', { exact: true })).toBeVisible();
    await expect(ann.page.getByTestId('presence').getByTestId('presence-user').filter({ hasText: 'Ben Brook' })).toHaveCount(1);

    await Promise.all([ann.page.keyboard.type(' again', { delay: 15 }), ben.page.keyboard.type(' too', { delay: 15 })]);
    await expect.poll(async () => new Set(await Promise.all([ann, ben].map(documentText))).size).toBe(1);
    const finalText = await documentText(ann);
    for (const part of ['Ann on instance A', 'Ben on instance B', 'again', 'too']) expect(finalText).toContain(part);
  });
});
