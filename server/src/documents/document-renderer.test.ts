// Exports rendered on the renderer's thread: the same bytes as on the event loop for every format (from a view into a
// larger buffer too, as a room's cached reply is), a bad document still a 400, a thread that retires when idle, and exports that still render when
// the thread cannot run.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { EVERY_FORMAT_MARKDOWN } from '../../../shared/lexical/conversion-fixtures';
import { replaceDocContent } from '../../../shared/lexical/replace-doc-content';
import { createSeedUpdate } from '../../../shared/lexical/seed';
import { TandemError } from '../errors';
import type { ExportFormat } from './document-format';
import { DocumentRenderer } from './document-renderer';
import { renderDocument } from './render-document';

const renderers: DocumentRenderer[] = [];
afterEach(async () => {
  for (const renderer of renderers.splice(0)) await renderer.close();
});

function newRenderer(options: ConstructorParameters<typeof DocumentRenderer>[0] = {}): DocumentRenderer {
  const renderer = new DocumentRenderer(options);
  renderers.push(renderer);
  return renderer;
}

/** A document holding every format the editor has, as the server would hold it, as one update. */
function everyFormatState(): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, createSeedUpdate());
  replaceDocContent(doc, { format: 'markdown', text: EVERY_FORMAT_MARKDOWN }, null);
  return Y.encodeStateAsUpdate(doc);
}

/** `bytes` as a view into the middle of a larger buffer. */
function viewInto(bytes: Uint8Array): Uint8Array {
  const larger = new Uint8Array(bytes.byteLength + 64).fill(255);
  larger.set(bytes, 32);
  return larger.subarray(32, 32 + bytes.byteLength);
}

const renderedFormats: ExportFormat[] = ['markdown', 'html', 'json', 'text'];

describe('DocumentRenderer', () => {
  it('renders every format on its thread exactly as the event loop does, from a view into a larger buffer too', async () => {
    const renderer = newRenderer();
    const doc = everyFormatState();
    const title = { untitled: 'notes', suffix: ' (v1)' };
    for (const format of renderedFormats) {
      const onLoop = await renderDocument(doc, format, title);
      expect(await renderer.render(doc, format, title)).toEqual(onLoop);
      expect(await renderer.render(viewInto(doc), format, title)).toEqual(onLoop);
    }
    expect(renderer.hasWorker).toBe(true);
    const markdown = await renderer.render(doc, 'markdown', title);
    expect(markdown.body).toBe(`${EVERY_FORMAT_MARKDOWN}\n`);
    expect((await renderer.render(doc, 'html', title)).body).toContain('<title>Heading one (v1)</title>');
  });

  it('answers the Yjs format itself, without the thread', async () => {
    const renderer = newRenderer();
    const doc = everyFormatState();
    const rendered = await renderer.render(doc, 'yjs', { untitled: 'notes' });
    expect(rendered.body).toEqual(doc);
    expect(renderer.hasWorker).toBe(false);
  });

  it('keeps bytes that are not a document a bad request, naming the cause, and renders the next export', async () => {
    const renderer = newRenderer();
    const failure = await renderer.render(new Uint8Array([1, 2, 3, 250, 255, 255]), 'markdown', { untitled: 'x' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TandemError);
    expect((failure as TandemError).code).toBe('bad_request');
    expect((failure as TandemError).message).toMatch(/not a Yjs update/);
    expect((await renderer.render(everyFormatState(), 'text', { untitled: 'x' })).body).toContain('Last paragraph.');
  });

  it('ends its thread after a quiet spell and starts it again for the next export', async () => {
    const renderer = newRenderer({ retireAfterMs: 50 });
    const doc = everyFormatState();
    await renderer.render(doc, 'markdown', { untitled: 'x' });
    expect(renderer.hasWorker).toBe(true);
    await vi.waitFor(() => expect(renderer.hasWorker).toBe(false));
    expect((await renderer.render(doc, 'markdown', { untitled: 'x' })).body).toBe(`${EVERY_FORMAT_MARKDOWN}\n`);
  });

  it('renders on the event loop when its thread cannot start, and says so once', async () => {
    const onFallback = vi.fn();
    const renderer = newRenderer({ workerUrl: new URL('./no-such-worker.mjs', import.meta.url), onFallback });
    const doc = everyFormatState();
    expect((await renderer.render(doc, 'markdown', { untitled: 'x' })).body).toBe(`${EVERY_FORMAT_MARKDOWN}\n`);
    expect((await renderer.render(doc, 'html', { untitled: 'x' })).body).toContain('<title>Heading one</title>');
    expect(onFallback).toHaveBeenCalledTimes(1);
  });
});
