// End-to-end tests: Debian's Chromium (never a downloaded browser), several browser contexts at once. Each spec
// file starts its own server on a free port with a temporary DATA_DIR (see e2e/support/server.ts).
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  // One worker: every test drives two or three browsers at once already; on a slow two-core machine a second
  // worker's browsers stalled typing past Yjs's 500 ms undo window and failed the undo tests.
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  globalSetup: './e2e/support/global-setup.ts',
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        // The GPU process (software compositing, with --disable-gpu) in the browser's own: a keystroke's frame no
        // longer crosses processes. Chromium's CPU while typing fell by about a third on a two-core VM.
        '--in-process-gpu',
      ],
    },
    // A failed test keeps its actions, console, network and sources; recording the pages' frames and DOM snapshots for
    // every test took a fifth of the whole run's time on a two-core VM (the presence spec: 2.4 min with them, 1.9 without).
    trace: { mode: 'retain-on-failure', screenshots: false, snapshots: false },
  },
});
