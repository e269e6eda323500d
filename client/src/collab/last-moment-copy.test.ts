import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { useFakePage } from '../test-support/fake-page';
import { memoryStorage } from '../test-support/memory-storage';
import { createLastMomentCopy, IN_FLIGHT_MS } from './last-moment-copy';

const KEY = 'tandem:doc:last-moment';
const fromIndexedDb = Symbol('indexeddb');
const isStored = (origin: unknown) => origin === fromIndexedDb;

/** What a page opened after the one that kept the copy shows, from the copy alone (no network, nothing in IndexedDB). */
function reopened(storage: Storage): string {
  const doc = new Y.Doc();
  createLastMomentCopy(doc, storage, KEY, isStored).restore();
  return doc.getText('t').toString();
}

describe('createLastMomentCopy', () => {
  const page = useFakePage();

  it('keeps what the server sent with the letters typed into it, so a page reloaded with no network shows them', () => {
    const storage = memoryStorage();
    const doc = new Y.Doc();
    createLastMomentCopy(doc, storage, KEY, isStored);
    const server = new Y.Doc();
    server.getText('t').insert(0, 'Hello');
    // A remote change (not made in this page), as the provider applies the server's.
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server), 'server');
    doc.getText('t').insert(5, ' world');
    page.leave();
    // Before, only ' world' was kept: it builds on the server's 'Hello', so Yjs held it back and showed nothing.
    expect(reopened(storage)).toBe('Hello world');
    expect(storage.getItem(KEY)).toBeNull();
  });

  it('leaves out what IndexedDB loaded, and changes older than IN_FLIGHT_MS', () => {
    const now = vi.spyOn(performance, 'now').mockReturnValue(1_000);
    const storage = memoryStorage();
    const doc = new Y.Doc();
    createLastMomentCopy(doc, storage, KEY, isStored);
    const stored = new Y.Doc();
    stored.getText('t').insert(0, 'stored');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(stored), fromIndexedDb);
    doc.getText('t').insert(6, ' old');
    page.leave();
    expect(Y.decodeUpdate(Uint8Array.from(atob(storage.getItem(KEY)!), (char) => char.charCodeAt(0))).structs).toHaveLength(1);
    now.mockReturnValue(1_000 + IN_FLIGHT_MS + 1);
    storage.removeItem(KEY);
    page.leave();
    expect(storage.getItem(KEY)).toBeNull();
    now.mockRestore();
  });
});
