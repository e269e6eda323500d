import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMergeSkipper } from './undo-skips-merges';

const binding = { name: 'binding' };

function setup() {
  const doc = new Y.Doc();
  const text = doc.getText('line');
  const manager = new Y.UndoManager(text, { trackedOrigins: new Set([binding]) });
  const skipper = createMergeSkipper();
  skipper.attach(manager);
  return { doc, text, manager, skipper };
}

/** A merge as @lexical/yjs writes it: in the update listener of an update made from the shared document. */
function writeMerge(doc: Y.Doc, skipper: ReturnType<typeof createMergeSkipper>, tag: string, merge: () => void) {
  skipper.noteUpdate({ tags: new Set([tag]), normalizedNodes: new Set(['1']) });
  doc.transact(merge, binding);
}

describe('merges written after changes from the shared document', () => {
  it('after an undo, belong to the redo step: redo brings back what the merge removed', () => {
    const { doc, text, manager, skipper } = setup();
    doc.transact(() => text.insert(0, 'The quick|'), binding);
    manager.stopCapturing();
    doc.transact(() => text.insert(10, 'brown'), binding);
    manager.undo();
    writeMerge(doc, skipper, 'historic', () => text.delete(9, 1));
    expect(text.toString()).toBe('The quick');
    expect(manager.redoStack).toHaveLength(1);
    manager.redo();
    expect(text.toString()).toBe('The quick|brown');
  });

  it('after another page\'s change, are no undo step and leave redo available', () => {
    const { doc, text, manager, skipper } = setup();
    doc.transact(() => text.insert(0, 'one|'), binding);
    manager.stopCapturing();
    doc.transact(() => text.insert(4, 'two'), binding);
    manager.undo();
    writeMerge(doc, skipper, 'collaboration', () => text.delete(3, 1));
    expect(manager.undoStack).toHaveLength(1);
    expect(manager.redoStack).toHaveLength(1);
    manager.redo();
    expect(text.toString()).toBe('onetwo');
  });

  it('leave ordinary edits to the manager: they are undo steps and clear redo', async () => {
    const { doc, text, manager, skipper } = setup();
    doc.transact(() => text.insert(0, 'one'), binding);
    manager.undo();
    writeMerge(doc, skipper, 'collaboration', () => {});
    await Promise.resolve(); // the merge's moment has passed
    doc.transact(() => text.insert(0, 'two'), binding);
    expect(manager.redoStack).toHaveLength(0);
    expect(manager.undoStack).toHaveLength(1);
  });
});
