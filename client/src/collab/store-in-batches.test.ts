import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { useFakePage } from '../test-support/fake-page';
import { STORE_BATCH_MS, storeInBatches } from './store-in-batches';

/** A stand-in for y-indexeddb: registers its store handler on the doc, as its constructor does, and records writes. */
function fakePersistence(doc: Y.Doc) {
  const writes: Uint8Array[] = [];
  const persistence = { _storeUpdate: (update: Uint8Array) => void writes.push(update) };
  doc.on('update', persistence._storeUpdate);
  return { persistence, writes };
}

const ownEdits = (_origin: unknown, transaction: Y.Transaction) => transaction.local;

function typeLetters(doc: Y.Doc, letters: string): void {
  for (const letter of letters) doc.getText('t').insert(doc.getText('t').length, letter);
}

describe('storeInBatches', () => {
  const page = useFakePage();

  it('stores the updates of a burst of typing as one write, holding every letter', () => {
    const doc = new Y.Doc();
    const { persistence, writes } = fakePersistence(doc);
    storeInBatches(doc, persistence, ownEdits);
    typeLetters(doc, 'hello');
    expect(writes).toHaveLength(0);
    vi.advanceTimersByTime(STORE_BATCH_MS);
    expect(writes).toHaveLength(1);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, writes[0]!);
    expect(copy.getText('t').toString()).toBe('hello');
  });

  it('stores at once, with what waits, an update that may not wait: kept by an earlier page, it is nowhere else', () => {
    const doc = new Y.Doc();
    const { persistence, writes } = fakePersistence(doc);
    storeInBatches(doc, persistence, ownEdits);
    typeLetters(doc, 'a');
    const kept = new Y.Doc();
    kept.getText('t').insert(0, 'kept');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(kept), 'last-moment');
    expect(writes).toHaveLength(1);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, writes[0]!);
    expect(copy.getText('t').length).toBe(5);
  });

  it('writes what waits at once when the page is left', () => {
    const doc = new Y.Doc();
    const { persistence, writes } = fakePersistence(doc);
    storeInBatches(doc, persistence, ownEdits);
    typeLetters(doc, 'hi');
    page.leave();
    expect(writes).toHaveLength(1);
  });

  it('never stores again what the persistence loaded itself, and nothing after it is stopped', () => {
    const doc = new Y.Doc();
    const { persistence, writes } = fakePersistence(doc);
    const batches = storeInBatches(doc, persistence, ownEdits);
    const stored = new Y.Doc();
    stored.getText('t').insert(0, 'kept');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(stored), persistence);
    vi.advanceTimersByTime(STORE_BATCH_MS);
    expect(writes).toHaveLength(0);
    typeLetters(doc, 'x');
    batches.stop();
    vi.advanceTimersByTime(STORE_BATCH_MS);
    typeLetters(doc, 'y');
    vi.advanceTimersByTime(STORE_BATCH_MS);
    expect(writes).toHaveLength(0);
  });
});
