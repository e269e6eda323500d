// Typing in the editor itself, in a long document (Tandem only: the references have no editor). A document of 5,000
// paragraphs is imported as Markdown and opened in two Chromium pages, a typist and a collaborator; the typist types a
// letter every 150 ms at the end of the last paragraph. Timed inside each page, on one clock: from the typist's
// keydown to the first frame after the letter is in that page's DOM (what a person sees), for the typist and for the
// collaborator. Debian's Chromium drives it, as in the end-to-end tests; without it the case is skipped.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from '@playwright/test';
import { median, percentile } from '../percentile';
import { cpuPercentBetween, PeakRssWatcher, sampleProcesses } from '../process-stats';
import { CaseSkipped, type ResultRow, type Scenario, type ScenarioContext } from './scenario';

const paragraphCount = 5_000;
const keystrokes = 40;
const keystrokeGapMs = 150;
const chromiumPath = '/usr/bin/chromium';
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const openTimeoutMs = 120_000;
const letterTimeoutMs = 10_000;
const editable = '[data-testid=editor] [contenteditable=true]';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** What a page records: when a key went down there, and when its editor's DOM changed and the next frame came. */
interface PageTimes {
  keyAt: number;
  changedAt: number[];
  frameAt: number[];
}

/** Starts recording in `page` (Date.now(): one clock for both pages on one machine). */
async function recordTimes(page: Page): Promise<void> {
  await page.evaluate((selector) => {
    const times: PageTimes = { keyAt: 0, changedAt: [], frameAt: [] };
    (window as unknown as { benchTimes: PageTimes }).benchTimes = times;
    window.addEventListener('keydown', () => (times.keyAt = Date.now()), true);
    new MutationObserver(() => {
      times.changedAt.push(Date.now());
      requestAnimationFrame(() => setTimeout(() => times.frameAt.push(Date.now()), 0));
    }).observe(document.querySelector(selector)!, { subtree: true, characterData: true, childList: true });
  }, editable);
}

async function clearTimes(page: Page): Promise<void> {
  await page.evaluate(() => {
    const times = (window as unknown as { benchTimes: PageTimes }).benchTimes;
    times.changedAt = [];
    times.frameAt = [];
  });
}

/** Waits for the first frame after the letter reached `page`; returns the page's times. */
async function letterShown(page: Page): Promise<PageTimes> {
  await page.waitForFunction(() => (window as unknown as { benchTimes: PageTimes }).benchTimes.frameAt.length > 0, null, { timeout: letterTimeoutMs });
  return page.evaluate(() => (window as unknown as { benchTimes: PageTimes }).benchTimes);
}

async function openDocument(browser: Browser, url: string): Promise<{ page: Page; openMs: number }> {
  const page = await (await browser.newContext()).newPage();
  const startedAt = performance.now();
  await page.goto(url);
  await page.waitForFunction((count) => document.querySelectorAll('[data-testid=editor] [contenteditable=true] p').length >= count, paragraphCount, {
    timeout: openTimeoutMs,
    polling: 50,
  });
  return { page, openMs: performance.now() - startedAt };
}

async function importDocument(httpUrl: string, doc: string, adminToken: string): Promise<void> {
  const markdown = Array.from({ length: paragraphCount }, (_, i) => `Paragraph ${i + 1} with some words to make it a realistic line.`).join('\n\n');
  const response = await fetch(`${httpUrl}/admin/docs/${doc}/import?format=markdown`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'text/markdown' },
    body: markdown,
  });
  if (!response.ok) throw new Error(`import answered ${response.status}: ${await response.text()}`);
}

function latencyRow(context: ScenarioContext, who: string, latencies: number[], note: string, details: Record<string, unknown>): ResultRow {
  return {
    server: context.server.target.name,
    scenario: `editor typing, ${who}`,
    n: paragraphCount,
    p50Ms: median(latencies),
    p99Ms: percentile(latencies, 99),
    deliveredPct: null,
    serverCpuPct: null,
    serverRssMb: null,
    clientCpuPct: null,
    note,
    details: { ...details, latenciesMs: latencies },
  };
}

async function runEditorTyping(context: ScenarioContext, adminToken: string): Promise<ResultRow[]> {
  if (!existsSync(chromiumPath)) throw new CaseSkipped(`no Chromium at ${chromiumPath} (apt-get install chromium)`);
  const built = spawnSync(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: context.repoRoot, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('building the editor failed');
  const { server } = context;
  const doc = `bench-editor-${Date.now().toString(36)}`;
  await importDocument(server.httpUrl, doc, adminToken);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const typist = await openDocument(browser, `${server.httpUrl}/d/${doc}?name=Typist`);
    const collaborator = await openDocument(browser, `${server.httpUrl}/d/${doc}?name=Collaborator`);
    context.log(`opened in ${typist.openMs.toFixed(0)} and ${collaborator.openMs.toFixed(0)} ms`);
    await typist.page.locator(`${editable} p`).last().click();
    await typist.page.keyboard.press('End');
    for (const page of [typist.page, collaborator.page]) await recordTimes(page);

    const rssWatcher = new PeakRssWatcher([server.pid]);
    const serverStart = sampleProcesses([server.pid]);
    const typistLatencies: number[] = [];
    const collaboratorLatencies: number[] = [];
    const domLatencies: number[] = [];
    for (let i = 0; i < keystrokes; i++) {
      await Promise.all([clearTimes(typist.page), clearTimes(collaborator.page)]);
      await typist.page.keyboard.press(String.fromCharCode(65 + (i % 26)));
      const [own, other] = await Promise.all([letterShown(typist.page), letterShown(collaborator.page)]);
      typistLatencies.push(own.frameAt[0]! - own.keyAt);
      domLatencies.push(own.changedAt[0]! - own.keyAt);
      collaboratorLatencies.push(other.frameAt[0]! - own.keyAt);
      await sleep(keystrokeGapMs);
    }
    const serverEnd = sampleProcesses([server.pid]);
    const peakRssMb = rssWatcher.stop() / 2 ** 20;
    const details = { paragraphs: paragraphCount, keystrokes, keystrokeGapMs, typistOpenMs: typist.openMs, collaboratorOpenMs: collaborator.openMs };
    const common = `${keystrokes} keystrokes ${keystrokeGapMs} ms apart at the end of a ${paragraphCount.toLocaleString('en')}-paragraph document`
      + `, key to next frame, timed in the pages; Tandem only`;
    const rows = [
      latencyRow(context, 'typist', typistLatencies, `${common}; the letter in the DOM after ${median(domLatencies)?.toFixed(0)} ms (median)`, { ...details, domLatenciesMs: domLatencies }),
      latencyRow(context, 'collaborator', collaboratorLatencies, `${common}; opening the document took ${(collaborator.openMs / 1000).toFixed(1)} s`, details),
    ];
    return rows.map((row) => ({ ...row, serverCpuPct: cpuPercentBetween(serverStart, serverEnd), serverRssMb: peakRssMb }));
  } finally {
    await browser.close();
  }
}

export function createEditorTypingScenario(): Scenario {
  // Passed to the server in its environment, as the export scenario does.
  const adminToken = randomBytes(24).toString('hex');
  return {
    name: 'editor-typing',
    description: `typing in the editor at the end of a ${paragraphCount}-paragraph document, typist and collaborator in Chromium (Tandem only)`,
    supports: (target) => target.name === 'tandem',
    cases: () => [{ label: `${paragraphCount} paragraphs`, n: paragraphCount }],
    serverEnv: () => ({ ADMIN_TOKEN: adminToken }),
    caseTimeoutMs: 300_000,
    run: (context) => runEditorTyping(context, adminToken),
  };
}
