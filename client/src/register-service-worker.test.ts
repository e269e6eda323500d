// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { buildId } from './register-service-worker';

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
