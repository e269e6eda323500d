// A spec file's own Tandem server, started with AUTH_SECRET (every connection then needs a token), and the browser
// contexts its tests open, each closed after its test: for specs whose pages carry tokens the shared server's would not.
import type { BrowserContext } from '@playwright/test';
import { startTandem, type TandemServer } from './tandem-server';

/** The hooks of the spec's `test` (Playwright's own, or the fixtures' extension of it). */
interface SpecHooks {
  beforeAll(run: () => Promise<void>): void;
  afterAll(run: () => Promise<void>): void;
  afterEach(run: () => Promise<void>): void;
}

export interface SecuredServer {
  /** The running server (from the spec's beforeAll on). */
  readonly server: () => TandemServer;
  /** Contexts the tests open: push each one, and it is closed after its test. */
  readonly contexts: BrowserContext[];
}

/** Call at the top of a spec file: starts the server before its tests and stops it after them. */
export function useSecuredServer(test: SpecHooks, authSecret: string): SecuredServer {
  let tandem: TandemServer | undefined;
  const contexts: BrowserContext[] = [];
  test.beforeAll(async () => {
    tandem = await startTandem({ AUTH_SECRET: authSecret });
  });
  test.afterAll(async () => {
    await tandem?.stop();
  });
  test.afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });
  return {
    server: () => {
      if (tandem === undefined) throw new Error('the secured server is not running: call server() inside a test');
      return tandem;
    },
    contexts,
  };
}
