import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { canApplyDirectly } from './update-guard';

function keystroke(): Uint8Array {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.getText('t').insert(0, 'ab');
  doc.on('update', (update: Uint8Array) => updates.push(update));
  doc.getText('t').insert(1, 'x');
  return updates[0]!;
}

describe('canApplyDirectly', () => {
  it('lets a one-client update (a keystroke) and a delete-only update through', () => {
    expect(canApplyDirectly(keystroke())).toBe(true);
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'abc');
    const before = Y.encodeStateVector(doc);
    doc.getText('t').delete(0, 1);
    expect(canApplyDirectly(Y.encodeStateAsUpdate(doc, before))).toBe(true);
  });

  it('sends updates of several clients through a full decode', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.getText('t').insert(0, 'a');
    b.getText('t').insert(0, 'b');
    expect(canApplyDirectly(Y.mergeUpdates([Y.encodeStateAsUpdate(a), Y.encodeStateAsUpdate(b)]))).toBe(false);
  });

  it('refuses a struct count larger than the update, and a truncated header', () => {
    // One client claiming 50,000,000 structs in a few bytes: Y.applyUpdate would allocate an array that long.
    expect(canApplyDirectly(new Uint8Array([1, 0x80, 0xe1, 0xeb, 0x17, 1, 0]))).toBe(false);
    expect(canApplyDirectly(new Uint8Array([1]))).toBe(false);
    expect(canApplyDirectly(new Uint8Array([]))).toBe(false);
  });
});
