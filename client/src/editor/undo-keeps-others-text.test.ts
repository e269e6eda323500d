import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { keepOthersTextOnUndo } from './undo-keeps-others-text';

/** Two replicas of one document laid out like @lexical/yjs's: a root XmlText whose paragraphs are embedded XmlTexts. */
function twoPeers() {
  const ann = new Y.Doc();
  const ben = new Y.Doc();
  ann.on('update', (update: Uint8Array, origin: unknown) => origin !== 'net' && Y.applyUpdate(ben, update, 'net'));
  ben.on('update', (update: Uint8Array, origin: unknown) => origin !== 'net' && Y.applyUpdate(ann, update, 'net'));
  const annRoot = ann.get('root', Y.XmlText);
  const annUndo = new Y.UndoManager(annRoot, { trackedOrigins: new Set(['ann']), captureTimeout: 0 });
  return { ann, ben, annRoot, benRoot: ben.get('root', Y.XmlText), annUndo };
}

function paragraphTexts(root: Y.XmlText): string[] {
  return root.toDelta().map((op: { insert: unknown }) => (op.insert instanceof Y.XmlText ? op.insert.toString() : String(op.insert)));
}

describe('keepOthersTextOnUndo', () => {
  function annAddsLineAndBenTypesInIt(filtered: boolean) {
    const peers = twoPeers();
    if (filtered) keepOthersTextOnUndo(peers.annUndo);
    peers.ann.transact(() => {
      const paragraph = new Y.XmlText();
      peers.annRoot.insertEmbed(0, paragraph);
      paragraph.insert(0, 'Intro text.');
    }, 'ann');
    // Ann presses Enter: a new empty paragraph, its block type in an attribute (as @lexical/yjs keeps it).
    peers.ann.transact(() => {
      const paragraph = new Y.XmlText();
      peers.annRoot.insertEmbed(1, paragraph);
      paragraph.setAttribute('__type', 'paragraph');
    }, 'ann');
    // Ben types into it.
    const benLine = (peers.benRoot.toDelta()[1] as { insert: Y.XmlText }).insert;
    peers.ben.transact(() => benLine.insert(0, 'Ben wrote this.'), 'ben');
    return peers;
  }

  it("keeps a line Ann's undo would remove, with its block type, when Ben has written in it", () => {
    const { annRoot, benRoot, annUndo } = annAddsLineAndBenTypesInIt(true);
    expect(annUndo.undoStack).toHaveLength(2);
    annUndo.undo();
    // Nothing of the Enter step could go, so Yjs passed over it and undid the step before: Ann's own first line.
    expect(paragraphTexts(annRoot)).toEqual(['Ben wrote this.']);
    expect(paragraphTexts(benRoot)).toEqual(['Ben wrote this.']);
    const benLine = (benRoot.toDelta()[0] as { insert: Y.XmlText }).insert;
    expect(benLine.getAttribute('__type')).toBe('paragraph');
    expect(annUndo.undoStack).toHaveLength(0);
  });

  it('without it, Yjs deletes the line and Ben\'s text with it (why the filter exists)', () => {
    const { benRoot, annUndo } = annAddsLineAndBenTypesInIt(false);
    annUndo.undo();
    expect(paragraphTexts(benRoot)).toEqual(['Intro text.']);
  });

  it("still removes Ann's own text and a line once Ben's text in it is gone", () => {
    const { ann, annRoot, benRoot, annUndo } = annAddsLineAndBenTypesInIt(true);
    const benLine = (benRoot.toDelta()[1] as { insert: Y.XmlText }).insert;
    benLine.doc!.transact(() => benLine.delete(0, benLine.length), 'ben');
    annUndo.undo();
    expect(paragraphTexts(annRoot)).toEqual(['Intro text.']);
    annUndo.undo();
    expect(paragraphTexts(annRoot)).toEqual([]);
    expect(ann.clientID).not.toBe(benRoot.doc!.clientID);
  });

  it('looks into nested containers (a list item inside a list)', () => {
    const { ann, annRoot, benRoot, annUndo } = twoPeers();
    keepOthersTextOnUndo(annUndo);
    ann.transact(() => {
      const list = new Y.XmlText();
      annRoot.insertEmbed(0, list);
      list.insertEmbed(0, new Y.XmlText());
    }, 'ann');
    const list = (benRoot.toDelta()[0] as { insert: Y.XmlText }).insert;
    const item = (list.toDelta()[0] as { insert: Y.XmlText }).insert;
    item.doc!.transact(() => item.insert(0, 'Ben item'), 'ben');
    annUndo.undo();
    expect(annRoot.toDelta()).toHaveLength(1);
    expect(((annRoot.toDelta()[0] as { insert: Y.XmlText }).insert.toDelta()[0] as { insert: Y.XmlText }).insert.toString()).toBe('Ben item');
  });

  it("keeps Ann's text node when Ben typed on at the end of her words, so his words still show", () => {
    const { ann, annRoot, benRoot, annUndo } = twoPeers();
    keepOthersTextOnUndo(annUndo);
    const paragraph = new Y.XmlText();
    ann.transact(() => annRoot.insertEmbed(0, paragraph), 'ann');
    // A text node as @lexical/yjs writes it: its properties (a map), then its text.
    ann.transact(() => {
      const properties = new Y.Map();
      paragraph.insertEmbed(0, properties);
      properties.set('__type', 'text');
      paragraph.insert(1, 'Ann wrote');
    }, 'ann');
    const benParagraph = (benRoot.toDelta()[0] as { insert: Y.XmlText }).insert;
    benParagraph.doc!.transact(() => benParagraph.insert(benParagraph.length, ' BEN'), 'ben');
    annUndo.undo();
    const ops = paragraph.toDelta() as Array<{ insert: unknown }>;
    expect(ops).toHaveLength(2);
    expect(ops[0]!.insert).toBeInstanceOf(Y.Map);
    expect((ops[0]!.insert as Y.Map<string>).get('__type')).toBe('text');
    expect(ops[1]!.insert).toBe(' BEN');
  });
});
