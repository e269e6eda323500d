// Conversions on the conversion thread: exports rendered to the same bytes as on the event loop for every format
// (from a view into a larger buffer too, as a room's cached reply is), imported content that replaces a document's
// blocks as on the loop, a bad document still a 400, a thread that retires when idle, and conversions that still run
// when the thread cannot.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { EVERY_FORMAT_MARKDOWN } from '../../../shared/lexical/conversion-fixtures';
import { replaceDocContent } from '../../../shared/lexical/replace-doc-content';
import { replaceRootWith } from '../../../shared/lexical/replace-root';
import { createSeedUpdate } from '../../../shared/lexical/seed';
import { TandemError } from '../errors';
import type { ExportFormat } from './document-format';
import { DocumentConverter } from './document-converter';
import { renderDocument } from './render-document';

const converters: DocumentConverter[] = [];
afterEach(async () => {
  for (const converter of converters.splice(0)) await converter.close();
});

function newConverter(options: ConstructorParameters<typeof DocumentConverter>[0] = {}): DocumentConverter {
  const converter = new DocumentConverter(options);
  converters.push(converter);
  return converter;
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

/** New content in pieces put in place of `doc`'s blocks, as DocumentService.replaceContent does. */
function putInPlace(doc: Y.Doc, pieces: Uint8Array[]): void {
  replaceRootWith(doc, pieces[0]!, null);
  for (const piece of pieces.slice(1)) Y.applyUpdate(doc, piece);
}

const renderedFormats: ExportFormat[] = ['markdown', 'html', 'json', 'text'];

describe('DocumentConverter', () => {
  it('renders every format on its thread exactly as the event loop does, from a view into a larger buffer too', async () => {
    const converter = newConverter();
    const doc = everyFormatState();
    const title = { untitled: 'notes', suffix: ' (v1)' };
    for (const format of renderedFormats) {
      const onLoop = await renderDocument(doc, format, title);
      expect(await converter.render(doc, format, title)).toEqual(onLoop);
      expect(await converter.render(viewInto(doc), format, title)).toEqual(onLoop);
    }
    expect(converter.hasWorker).toBe(true);
    const markdown = await converter.render(doc, 'markdown', title);
    expect(markdown.body).toBe(`${EVERY_FORMAT_MARKDOWN}\n`);
    expect((await converter.render(doc, 'html', title)).body).toContain('<title>Heading one (v1)</title>');
  });

  it('answers the Yjs format itself, without the thread', async () => {
    const converter = newConverter();
    const doc = everyFormatState();
    const rendered = await converter.render(doc, 'yjs', { untitled: 'notes' });
    expect(rendered.body).toEqual(doc);
    expect(converter.hasWorker).toBe(false);
  });

  it('keeps bytes that are not a document a bad request, naming the cause, and renders the next export', async () => {
    const converter = newConverter();
    const failure = await converter.render(new Uint8Array([1, 2, 3, 250, 255, 255]), 'markdown', { untitled: 'x' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TandemError);
    expect((failure as TandemError).code).toBe('bad_request');
    expect((failure as TandemError).message).toMatch(/not a Yjs update/);
    expect((await converter.render(everyFormatState(), 'text', { untitled: 'x' })).body).toContain('Last paragraph.');
  });

  it('ends its thread after a quiet spell and starts it again for the next export', async () => {
    const converter = newConverter({ retireAfterMs: 50 });
    const doc = everyFormatState();
    await converter.render(doc, 'markdown', { untitled: 'x' });
    expect(converter.hasWorker).toBe(true);
    await vi.waitFor(() => expect(converter.hasWorker).toBe(false));
    expect((await converter.render(doc, 'markdown', { untitled: 'x' })).body).toBe(`${EVERY_FORMAT_MARKDOWN}\n`);
  });

  it('renders on the event loop when its thread cannot start, and says so once', async () => {
    const onFallback = vi.fn();
    const converter = newConverter({ workerUrl: new URL('./no-such-worker.mjs', import.meta.url), onFallback });
    const doc = everyFormatState();
    expect((await converter.render(doc, 'markdown', { untitled: 'x' })).body).toBe(`${EVERY_FORMAT_MARKDOWN}\n`);
    expect((await converter.render(doc, 'html', { untitled: 'x' })).body).toContain('<title>Heading one</title>');
    expect(onFallback).toHaveBeenCalledTimes(1);
  });

  it('writes imported content on its thread that replaces a live document\'s blocks as the event loop\'s does', async () => {
    const converter = newConverter();
    const body = new TextEncoder().encode(EVERY_FORMAT_MARKDOWN);
    const content = await converter.content('markdown', body);
    expect(converter.hasWorker).toBe(true);
    const live = new Y.Doc();
    Y.applyUpdate(live, createSeedUpdate());
    putInPlace(live, content);
    const onLoop = new Y.Doc();
    Y.applyUpdate(onLoop, createSeedUpdate());
    replaceDocContent(onLoop, { format: 'markdown', text: EVERY_FORMAT_MARKDOWN }, null);
    const replaced = await renderDocument(Y.encodeStateAsUpdate(live), 'json', { untitled: 'x' });
    expect(replaced).toEqual(await renderDocument(Y.encodeStateAsUpdate(onLoop), 'json', { untitled: 'x' }));
    expect((await renderDocument(Y.encodeStateAsUpdate(live), 'markdown', { untitled: 'x' })).body).toBe(`${EVERY_FORMAT_MARKDOWN}\n`);
  });

  it('reads a version\'s state as new content, and refuses bodies that are not documents with a bad request', async () => {
    const converter = newConverter();
    const version = everyFormatState();
    const live = new Y.Doc();
    Y.applyUpdate(live, createSeedUpdate());
    putInPlace(live, await converter.content('yjs', viewInto(version)));
    expect((await renderDocument(Y.encodeStateAsUpdate(live), 'markdown', { untitled: 'x' })).body).toBe(`${EVERY_FORMAT_MARKDOWN}\n`);
    for (const [format, body, cause] of [
      ['yjs', new Uint8Array([1, 2, 3, 250, 255, 255]), /not a Yjs update/],
      ['markdown', new Uint8Array([0xff, 0xfe, 0x41]), /not valid UTF-8/],
      ['json', new TextEncoder().encode('{"root": 1}'), /./],
    ] as const) {
      const failure = await converter.content(format, body).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(TandemError);
      expect((failure as TandemError).code).toBe('bad_request');
      expect((failure as TandemError).message).toMatch(cause);
    }
  });

  it('applies the edits that crossed a replacement to the replaced state on its thread, and says when none integrated', async () => {
    const converter = newConverter();
    const author = new Y.Doc();
    Y.applyUpdate(author, everyFormatState());
    const replaced = Y.encodeStateAsUpdate(author);
    const before = Y.encodeStateVector(author);
    const paragraph = author.get('root', Y.XmlText).toDelta()[1].insert as Y.XmlText;
    paragraph.insert(0, 'crossing ');
    const crossing = Y.encodeStateAsUpdate(author, before);
    // An edit that needs content the replaced state never had (the new blocks) is held back, not integrated.
    const afterwards = new Y.Doc();
    afterwards.get('root', Y.XmlText).insert(0, 'new');
    const dependent = Y.encodeStateAsUpdate(afterwards);
    const later = new Y.Doc();
    Y.applyUpdate(later, dependent);
    later.get('root', Y.XmlText).insert(3, ' words');
    const heldBack = Y.encodeStateAsUpdate(later, Y.encodeStateVector(afterwards));

    expect(await converter.crossingEdits(replaced, [heldBack])).toBeNull();
    expect(converter.hasWorker).toBe(true);
    const kept = await converter.crossingEdits(replaced, [heldBack, crossing]);
    expect(kept).not.toBeNull();
    const version = new Y.Doc();
    Y.applyUpdate(version, kept!);
    expect((version.get('root', Y.XmlText).toDelta()[1].insert as Y.XmlText).toString()).toMatch(/^crossing /);
  });

  it('fails conversions still running when it closes, as unavailable, rather than running them again', async () => {
    const converter = newConverter();
    const running = converter.render(everyFormatState(), 'markdown', { untitled: 'x' }).catch((e: unknown) => e);
    await converter.close();
    const failure = await running;
    expect(failure).toBeInstanceOf(TandemError);
    expect((failure as TandemError).code).toBe('unavailable');
  });
});
