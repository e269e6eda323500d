// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildId, scheduleOfflineShell } from './register-service-worker';

/**
 * The head of a page as index.html serves it, with the editor chunk's preload link a document page adds (or not); in
 * a template, so nothing is loaded.
 */
function pageWith(entry: string, options: { editorPreload: boolean }): ParentNode {
  const template = document.createElement('template');
  template.innerHTML = `<script type="module" crossorigin src="/assets/${entry}"></script><link rel="stylesheet" crossorigin href="/assets/index-CtBkEFUX.css">`
    + (options.editorPreload ? '<link rel="modulepreload" crossorigin href="/assets/editor-screen-DvOvMbou.js">' : '');
  return template.content;
}

describe('buildId', () => {
  it('is the same on the home page and on a document page, which preloads the editor', () => {
    expect(buildId(pageWith('index-DuoDbHT6.js', { editorPreload: true }))).toBe(buildId(pageWith('index-DuoDbHT6.js', { editorPreload: false })));
  });

  it('changes with the build', () => {
    expect(buildId(pageWith('index-DuoDbHT6.js', { editorPreload: false }))).not.toBe(buildId(pageWith('index-Abc12345.js', { editorPreload: false })));
  });
});

describe('scheduleOfflineShell', () => {
  afterEach(() => vi.useRealTimers());

  it('registers at once on a page other than an editor, and only once', () => {
    const register = vi.fn();
    const registerNow = scheduleOfflineShell(register, { isEditorPage: false, latestMs: 10_000 });
    expect(register).toHaveBeenCalledTimes(1);
    registerNow();
    expect(register).toHaveBeenCalledTimes(1);
  });

  it("waits on an editor page until the document shows, and does not register again when the time is up", () => {
    vi.useFakeTimers();
    const register = vi.fn();
    const documentShows = scheduleOfflineShell(register, { isEditorPage: true, latestMs: 10_000 });
    vi.advanceTimersByTime(9_999);
    expect(register).not.toHaveBeenCalled();
    documentShows();
    documentShows();
    expect(register).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(register).toHaveBeenCalledTimes(1);
  });

  it('registers on an editor page whose document never shows once the time is up', () => {
    vi.useFakeTimers();
    const register = vi.fn();
    scheduleOfflineShell(register, { isEditorPage: true, latestMs: 10_000 });
    vi.advanceTimersByTime(10_000);
    expect(register).toHaveBeenCalledTimes(1);
  });
});
