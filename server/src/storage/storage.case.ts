// The DocumentStore contract, as a suite every backend's test file runs unchanged. Data is real Yjs updates, so
// "nothing lost" is checked the way a room would see it: by applying the stored log to a fresh Y.Doc.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocumentStore, NewSnapshot } from './storage';

export interface StoreUnderTest {
  /** Not yet ready(): the suite calls it. */
  store: DocumentStore;
  cleanup(): Promise<void>;
}

export function describeStorageContract(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`DocumentStore contract: ${name}`, () => {
    let store: DocumentStore;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
      await store.ready();
    });
    afterEach(async () => {
      await cleanup();
    });

    it('answers ping once ready', async () => {
      expect(await store.ping()).toBe(true);
    });

    it('knows nothing of a document that was never stored', async () => {
      const doc = docName('unknown');
      expect(await store.load(doc)).toBeNull();
      expect(await store.meta(doc)).toBeNull();
      expect(await store.rowCount(doc)).toBe(0);
      expect((await store.list()).map((meta) => meta.name)).not.toContain(doc);
    });

    it('loads appended updates with the same bytes, in append order', async () => {
      const doc = docName('append');
      const updates = new TextWriter().write('alpha', 'beta', 'gamma');
      await store.appendBatch(updates.map((update) => ({ doc, update })));

      const loaded = await store.load(doc);
      expect(loaded?.updates).toEqual(updates);
      expect(loaded?.lastSeq).toBeGreaterThan(0);
      expect(loaded?.bytes).toBe(totalBytes(updates));
      expect(textOf(loaded!.updates)).toBe('alphabetagamma');
      expect(await store.rowCount(doc)).toBe(3);
    });

    it('stores opaque bytes unchanged, including zeros and 0xff', async () => {
      const doc = docName('binary');
      const update = Uint8Array.from({ length: 1024 }, (_, i) => (i * 37) % 256);
      await store.appendBatch([{ doc, update: new Uint8Array([0, 255, 0]) }, { doc, update }]);
      expect((await store.load(doc))?.updates).toEqual([new Uint8Array([0, 255, 0]), update]);
    });

    it('keeps order across successive batches and moves lastSeq forward', async () => {
      const doc = docName('batches');
      const writer = new TextWriter();
      const first = writer.write('one ', 'two ');
      await store.appendBatch(first.map((update) => ({ doc, update })));
      const before = await store.load(doc);
      const second = writer.write('three');
      await store.appendBatch(second.map((update) => ({ doc, update })));

      const after = await store.load(doc);
      expect(after?.updates).toEqual([...first, ...second]);
      expect(after!.lastSeq).toBeGreaterThan(before!.lastSeq);
    });

    it('writes one batch across several documents, each in its own order', async () => {
      const docs = [docName('multi-a'), docName('multi-b'), docName('multi-c')];
      const writers = docs.map(() => new TextWriter());
      const expected = docs.map(() => [] as Uint8Array[]);
      const batch = [];
      for (let round = 0; round < 4; round++) {
        for (const [i, doc] of docs.entries()) {
          const [update] = writers[i]!.write(`${i}:${round};`);
          expected[i]!.push(update!);
          batch.push({ doc, update: update! });
        }
      }
      await store.appendBatch(batch);

      for (const [i, doc] of docs.entries()) {
        expect((await store.load(doc))?.updates).toEqual(expected[i]);
        expect((await store.meta(doc))?.bytes).toBe(totalBytes(expected[i]!));
      }
    });

    it('writes a batch of thousands of updates in order', async () => {
      const doc = docName('large-batch');
      const updates = new TextWriter().write(...Array.from({ length: 2500 }, (_, i) => `${i % 10}`));
      await store.appendBatch(updates.map((update) => ({ doc, update })));
      expect((await store.load(doc))?.updates).toEqual(updates);
    });

    it('treats an empty batch as a no-op', async () => {
      await store.appendBatch([]);
    });

    it('loses nothing when several batches for one document are written at once', async () => {
      const doc = docName('parallel');
      const lanes = Array.from({ length: 8 }, (_, lane) => new TextWriter().write(`<${lane}>`));
      await Promise.all(lanes.map(([update]) => store.appendBatch([{ doc, update: update! }])));

      const text = textOf((await store.load(doc))!.updates);
      for (let lane = 0; lane < lanes.length; lane++) expect(text).toContain(`<${lane}>`);
      expect(await store.rowCount(doc)).toBe(lanes.length);
    });

    it('reports bytes and a strictly increasing updatedAt in meta and list', async () => {
      const doc = docName('meta');
      const writer = new TextWriter();
      const first = writer.write('hello');
      await store.appendBatch(first.map((update) => ({ doc, update })));
      const before = await store.meta(doc);
      expect(before).toMatchObject({ name: doc, bytes: totalBytes(first) });
      expect(before!.updatedAt).toBeGreaterThanOrEqual(before!.createdAt);

      const second = writer.write(' world');
      await store.appendBatch(second.map((update) => ({ doc, update })));
      const after = await store.meta(doc);
      expect(after).toMatchObject({ name: doc, createdAt: before!.createdAt, bytes: totalBytes([...first, ...second]) });
      expect(after!.updatedAt).toBeGreaterThan(before!.updatedAt);

      const listed = (await store.list()).find((meta) => meta.name === doc);
      expect(listed).toEqual(after);
    });

    it('compacts the log into one row with identical content', async () => {
      const doc = docName('compact');
      const updates = new TextWriter().write(...Array.from({ length: 20 }, (_, i) => `${i},`));
      await store.appendBatch(updates.map((update) => ({ doc, update })));
      const loaded = (await store.load(doc))!;
      const merged = Y.mergeUpdates(loaded.updates);
      const metaBefore = await store.meta(doc);

      await store.compact(doc, loaded.lastSeq, merged);

      const compacted = (await store.load(doc))!;
      expect(compacted.updates).toEqual([merged]);
      expect(compacted.bytes).toBe(merged.byteLength);
      expect(stateOf(compacted.updates)).toEqual(stateOf(updates));
      expect(textOf(compacted.updates)).toBe(textOf(updates));
      expect(await store.rowCount(doc)).toBe(1);
      const metaAfter = await store.meta(doc);
      expect(metaAfter?.bytes).toBe(merged.byteLength);
      expect(metaAfter!.updatedAt).toBeGreaterThan(metaBefore!.updatedAt);
    });

    it('keeps rows appended after the read a compaction was based on', async () => {
      const doc = docName('compact-late');
      const writer = new TextWriter();
      await store.appendBatch(writer.write('early1 ', 'early2 ').map((update) => ({ doc, update })));
      const basis = (await store.load(doc))!;
      const late = writer.write('late1 ', 'late2');
      await store.appendBatch(late.map((update) => ({ doc, update })));

      const merged = Y.mergeUpdates(basis.updates);
      await store.compact(doc, basis.lastSeq, merged);

      const loaded = (await store.load(doc))!;
      expect(loaded.updates).toHaveLength(3);
      expect(loaded.updates).toEqual(expect.arrayContaining([merged, ...late]));
      expect(textOf(loaded.updates)).toBe('early1 early2 late1 late2');
      expect((await store.meta(doc))?.bytes).toBe(merged.byteLength + totalBytes(late));
    });

    it('loses nothing when two compactions use the same stale read', async () => {
      const doc = docName('compact-twice');
      const writer = new TextWriter();
      await store.appendBatch(writer.write('a', 'b', 'c').map((update) => ({ doc, update })));
      const basis = (await store.load(doc))!;
      const merged = Y.mergeUpdates(basis.updates);
      await store.compact(doc, basis.lastSeq, merged);
      await store.appendBatch(writer.write('d').map((update) => ({ doc, update })));
      await store.compact(doc, basis.lastSeq, merged);

      expect(textOf((await store.load(doc))!.updates)).toBe('abcd');
    });

    it('does not bring back a document deleted after the read a compaction was based on', async () => {
      const doc = docName('compact-deleted');
      await store.appendBatch(new TextWriter().write('secret').map((update) => ({ doc, update })));
      const basis = (await store.load(doc))!;
      await store.delete(doc);

      await store.compact(doc, basis.lastSeq, Y.mergeUpdates(basis.updates));

      expect(await store.load(doc)).toBeNull();
      expect(await store.meta(doc)).toBeNull();
      expect(await store.rowCount(doc)).toBe(0);
    });

    it('deletes a document with its updates and snapshots, and only that document', async () => {
      const doc = docName('delete');
      const other = docName('delete-other');
      const [update] = new TextWriter().write('gone');
      await store.appendBatch([{ doc, update: update! }, { doc: other, update: update! }]);
      const snapshot = await store.createSnapshot(newSnapshot(doc, [update!]));
      await store.createSnapshot(newSnapshot(other, [update!]));

      expect(await store.delete(doc)).toBe(true);

      expect(await store.load(doc)).toBeNull();
      expect(await store.meta(doc)).toBeNull();
      expect(await store.rowCount(doc)).toBe(0);
      expect(await store.listSnapshots(doc)).toEqual([]);
      expect(await store.getSnapshot(doc, snapshot.id)).toBeNull();
      expect((await store.list()).map((meta) => meta.name)).not.toContain(doc);
      expect(await store.delete(doc)).toBe(false);
      expect(await store.load(other)).not.toBeNull();
      expect(await store.listSnapshots(other)).toHaveLength(1);
    });

    it('answers false when deleting a document that never existed, and remembers no deletion of it', async () => {
      const doc = docName('never');
      expect(await store.delete(doc)).toBe(false);
      expect(await store.isDeleted(doc)).toBe(false);
    });

    it('remembers a deletion: later appends to the document are dropped, the rest of their batch is kept', async () => {
      const doc = docName('deleted');
      const other = docName('deleted-other');
      const writer = new TextWriter();
      await store.appendBatch(writer.write('before').map((update) => ({ doc, update })));
      expect(await store.isDeleted(doc)).toBe(false);
      await store.delete(doc);
      expect(await store.isDeleted(doc)).toBe(true);

      // A client that still held the document sends it back.
      const resent = writer.write(' again');
      await store.appendBatch([...resent.map((update) => ({ doc, update })), { doc: other, update: resent[0]! }]);

      expect(await store.load(doc)).toBeNull();
      expect(await store.meta(doc)).toBeNull();
      expect((await store.list()).map((meta) => meta.name)).not.toContain(doc);
      expect((await store.load(other))?.updates).toEqual([resent[0]]);
    });

    it('lets a deleted name be used again once its deletion is cleared', async () => {
      const doc = docName('reused');
      await store.appendBatch(new TextWriter().write('old').map((update) => ({ doc, update })));
      await store.delete(doc);
      await store.clearDeletion(doc);

      expect(await store.isDeleted(doc)).toBe(false);
      const fresh = new TextWriter().write('new');
      await store.appendBatch(fresh.map((update) => ({ doc, update })));
      expect(textOf((await store.load(doc))!.updates)).toBe('new');
    });

    it('stores a snapshot and returns its meta and state', async () => {
      const doc = docName('snapshot');
      const state = stateOf(new TextWriter().write('version one'));
      const meta = await store.createSnapshot({ doc, label: 'v1', author: 'alice', kind: 'manual', state });

      expect(meta).toMatchObject({ doc, label: 'v1', author: 'alice', kind: 'manual', bytes: state.byteLength });
      expect(meta.id).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(meta.createdAt).toBeGreaterThan(0);
      expect(await store.getSnapshot(doc, meta.id)).toEqual({ meta, state });
      expect(textOf([(await store.getSnapshot(doc, meta.id))!.state])).toBe('version one');
      expect(await store.getSnapshot(docName('elsewhere'), meta.id)).toBeNull();
      expect(await store.getSnapshot(doc, randomUUID())).toBeNull();
    });

    it('lists snapshots newest first, per document, with null label and author allowed', async () => {
      const doc = docName('snapshot-list');
      const state = stateOf(new TextWriter().write('x'));
      const created = [];
      for (const kind of ['manual', 'auto', 'restore'] as const) {
        created.push(await store.createSnapshot({ doc, label: null, author: null, kind, state }));
      }
      await store.createSnapshot(newSnapshot(docName('snapshot-list-other'), []));

      const listed = await store.listSnapshots(doc);
      expect(listed).toEqual([...created].reverse());
      expect(new Set(listed.map((meta) => meta.id)).size).toBe(3);
    });

    it('prunes only the oldest snapshots of one kind beyond the number to keep', async () => {
      const doc = docName('prune');
      const other = docName('prune-other');
      const state = stateOf(new TextWriter().write('p'));
      const create = (target: string, kind: 'auto' | 'manual') =>
        store.createSnapshot({ doc: target, label: null, author: null, kind, state });
      const autos = [];
      const manuals = [];
      for (let i = 0; i < 4; i++) {
        autos.push(await create(doc, 'auto'));
        if (i % 2 === 0) manuals.push(await create(doc, 'manual'));
      }
      await create(other, 'auto');

      expect(await store.pruneSnapshots(doc, 'auto', 2)).toBe(2);

      // Created a0 m0 a1 a2 m1 a3; newest first and without the two oldest autos: a3 m1 a2 m0.
      expect(await store.listSnapshots(doc)).toEqual([autos[3], manuals[1], autos[2], manuals[0]]);
      expect(await store.pruneSnapshots(doc, 'auto', 2)).toBe(0);
      expect(await store.listSnapshots(other)).toHaveLength(1);
      expect(await store.pruneSnapshots(doc, 'manual', 0)).toBe(2);
      expect((await store.listSnapshots(doc)).map((meta) => meta.kind)).toEqual(['auto', 'auto']);
    });
  });
}

/** A doc name unique to this run, in the URL-safe doc alphabet, so suites can share one database. */
export function docName(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}

/** One Yjs client typing at the end of a Y.Text; each write() returns the updates it produced, in order. */
export class TextWriter {
  readonly doc = new Y.Doc();

  write(...chunks: string[]): Uint8Array[] {
    const updates: Uint8Array[] = [];
    const record = (update: Uint8Array) => updates.push(update);
    this.doc.on('update', record);
    const text = this.doc.getText('t');
    for (const chunk of chunks) text.insert(text.length, chunk);
    this.doc.off('update', record);
    return updates;
  }
}

/** The text a room would show after applying `updates` in the given order. */
export function textOf(updates: readonly Uint8Array[]): string {
  const doc = new Y.Doc();
  Y.transact(doc, () => {
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  return doc.getText('t').toString();
}

function stateOf(updates: readonly Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return Y.encodeStateAsUpdate(doc);
}

function totalBytes(updates: readonly Uint8Array[]): number {
  return updates.reduce((sum, update) => sum + update.byteLength, 0);
}

function newSnapshot(doc: string, updates: readonly Uint8Array[]): NewSnapshot {
  return { doc, label: 'named', author: null, kind: 'manual', state: stateOf(updates) };
}
