// Yjs documents in @lexical/yjs's layout, for tests of code that reads it: a root XmlText holding one XmlText per
// paragraph, each a property map per text node followed by its letters; and the edits the binding writes for Enter,
// Backspace at a paragraph's start and typing.
import * as Y from 'yjs';

export const root = (doc: Y.Doc): Y.XmlText => doc.get('root', Y.XmlText);

export function paragraphAt(doc: Y.Doc, index: number): Y.XmlText {
  return root(doc).toDelta()[index].insert as Y.XmlText;
}

export function addParagraph(doc: Y.Doc, index: number, text: string): void {
  const paragraph = new Y.XmlText();
  root(doc).insertEmbed(index, paragraph);
  paragraph.setAttribute('__type', 'paragraph');
  const textNode = new Y.Map();
  paragraph.insertEmbed(0, textNode);
  textNode.set('__type', 'text');
  if (text !== '') paragraph.insert(1, text);
}

/** Each paragraph's letters. */
export function lines(doc: Y.Doc): string[] {
  return root(doc)
    .toDelta()
    .map(({ insert }: { insert: Y.XmlText }) =>
      insert
        .toDelta()
        .filter((part: { insert: unknown }) => typeof part.insert === 'string')
        .map((part: { insert: string }) => part.insert)
        .join(''),
    );
}

/** Ann's Enter after `offset` letters of paragraph `index` (text node map first): the rest deleted and typed again. */
export function pressEnter(doc: Y.Doc, index: number, offset: number): void {
  doc.transact(() => {
    const paragraph = paragraphAt(doc, index);
    const rest = lines(doc)[index]!.slice(offset);
    paragraph.delete(1 + offset, rest.length);
    addParagraph(doc, index + 1, rest);
  });
}

/** Ann's Backspace at the start of paragraph `index`: it is deleted and its letters typed again at the previous one's end. */
export function pressBackspaceAtStart(doc: Y.Doc, index: number): void {
  doc.transact(() => {
    const text = lines(doc)[index]!;
    const previous = paragraphAt(doc, index - 1);
    previous.insert(previous.length, text);
    root(doc).delete(index, 1);
  });
}

/** Ann's change of paragraph `index` to another block type: it is deleted and its letters typed again in a new block. */
export function changeBlockType(doc: Y.Doc, index: number, blockType: string): void {
  doc.transact(() => {
    const text = lines(doc)[index]!;
    root(doc).delete(index, 1);
    addParagraph(doc, index, text);
    paragraphAt(doc, index).setAttribute('__type', blockType);
  });
}

/** Ben's letters at `offset` of paragraph `index`. */
export function type(doc: Y.Doc, index: number, offset: number, text: string): void {
  paragraphAt(doc, index).insert(1 + offset, text);
}

export function send(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'remote');
}

