// A page for unit tests of modules that listen for the page going away (pagehide, visibilitychange) without a DOM:
// `window` and `document` are plain event targets for each test, with fake timers, and are put back after it.
import { afterEach, beforeEach, vi } from 'vitest';

export interface FakePage {
  /** Fires `pagehide` on the stubbed window, as leaving the page does. */
  leave(): void;
}

/** Call inside a `describe`: every test of it runs on a fresh fake page. */
export function useFakePage(): FakePage {
  let page = new EventTarget();
  beforeEach(() => {
    vi.useFakeTimers();
    page = new EventTarget();
    vi.stubGlobal('window', page);
    vi.stubGlobal('document', Object.assign(new EventTarget(), { visibilityState: 'visible' }));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });
  return { leave: () => page.dispatchEvent(new Event('pagehide')) };
}
