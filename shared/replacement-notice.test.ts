import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOCUMENT_EVENTS_KEY, readReplacement, recordReplacement, watchReplacement, type RecordedReplacement } from './replacement-notice';

const restore: RecordedReplacement = { kind: 'restore', version: 'Draft 2', versionAt: null, author: 'Ann', at: 1_700_000_000_000, isComplete: true };

describe('replacement notice', () => {
  it('travels to another doc with the ordinary sync, and its watcher hears of it', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    const heard: (RecordedReplacement | null)[] = [];
    const stop = watchReplacement(client, (notice) => heard.push(notice));
    recordReplacement(server, restore, 'admin');
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    expect(readReplacement(client)).toEqual(restore);
    expect(heard).toEqual([restore]);
    stop();
    recordReplacement(server, { ...restore, at: restore.at + 1 }, 'admin');
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    expect(heard).toHaveLength(1);
  });

  it('reads nothing from a doc without one, or from a value a peer made up', () => {
    const doc = new Y.Doc();
    expect(readReplacement(doc)).toBeNull();
    doc.getMap(DOCUMENT_EVENTS_KEY).set('lastReplacement', { kind: 'format-disk', at: 1 });
    expect(readReplacement(doc)).toBeNull();
    doc.getMap(DOCUMENT_EVENTS_KEY).set('lastReplacement', { kind: 'import', at: 5, version: 7 });
    expect(readReplacement(doc)).toEqual({ kind: 'import', version: null, versionAt: null, author: null, at: 5, isComplete: true });
    doc.getMap(DOCUMENT_EVENTS_KEY).set('lastReplacement', { kind: 'restore', at: 7, version: '2026-12-07 01:28 UTC', versionAt: 'soon' });
    expect(readReplacement(doc)?.versionAt).toBeNull();
    doc.getMap(DOCUMENT_EVENTS_KEY).set('lastReplacement', { kind: 'restore', at: 8, version: '2026-12-07 01:28 UTC', versionAt: 1_700_000_000_000 });
    expect(readReplacement(doc)?.versionAt).toBe(1_700_000_000_000);
    doc.getMap(DOCUMENT_EVENTS_KEY).set('lastReplacement', { kind: 'import', at: 6, isComplete: false });
    expect(readReplacement(doc)?.isComplete).toBe(false);
  });
});
