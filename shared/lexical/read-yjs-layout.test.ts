import { $createLinkNode } from '@lexical/link';
import { $createListItemNode, $createListNode } from '@lexical/list';
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text';
import {
  $createLineBreakNode,
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $isElementNode,
  type ElementNode,
  type SerializedEditorState,
  type TextFormatType,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EVERY_FORMAT_MARKDOWN } from './conversion-fixtures';
import { ConversionError } from './conversion-error';
import { bindHeadlessEditor, type HeadlessBinding } from './headless-binding';
import { replaceDocContent } from './replace-doc-content';
import { editorStateFromYDoc } from './yjs-to-editor-state';

/** What @lexical/yjs itself makes of the doc: a fresh binding over a copy, as a browser joining it would load it. */
function referenceState(doc: Y.Doc): SerializedEditorState {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return bindHeadlessEditor(copy).editor.getEditorState().toJSON();
}

/** mulberry32: a small seeded generator, so a failing run can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FORMATS: TextFormatType[] = ['bold', 'italic', 'underline', 'strikethrough', 'code'];

/** One random edit of the kinds a user makes: typing, deleting, formatting, splitting, joining, retyping blocks. */
function $randomEdit(next: () => number): void {
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(next() * items.length)];
  const root = $getRoot();
  const texts = root.getAllTextNodes().filter((node) => node.isSimpleText());
  const text = pick(texts);
  const blocks = root.getChildren().filter($isElementNode);
  const block = pick(blocks);
  const word = () => ['a', 'bc', ' ', 'def ', 'xyz', 'Q'][Math.floor(next() * 6)]!;
  switch (Math.floor(next() * 11)) {
    case 0:
    case 1:
      if (text) text.spliceText(Math.floor(next() * (text.getTextContentSize() + 1)), 0, word());
      else root.append($createParagraphNode().append($createTextNode(word())));
      break;
    case 2:
      if (text) text.spliceText(Math.floor(next() * text.getTextContentSize()), 1 + Math.floor(next() * 3), '');
      break;
    case 3:
      if (text && text.getTextContentSize() > 1) {
        const [, middle] = text.splitText(1, Math.min(text.getTextContentSize(), 1 + Math.floor(next() * 4)));
        (middle ?? text).toggleFormat(pick(FORMATS)!);
      } else if (text) text.toggleFormat(pick(FORMATS)!);
      break;
    case 4:
      if (text && text.getParent()?.getParent() === root) {
        const [, after] = text.splitText(Math.floor(next() * text.getTextContentSize()));
        const moved = (after ?? text).getNextSiblings();
        const paragraph = $createParagraphNode().append(...(after ? [after, ...moved] : moved));
        text.getParentOrThrow().insertAfter(paragraph);
      }
      break;
    case 5:
      if (block && $isElementNode(block.getPreviousSibling())) {
        const previous = block.getPreviousSibling() as ElementNode;
        previous.append(...block.getChildren());
        block.remove();
      }
      break;
    case 6:
      if (block) {
        const replacement = pick([() => $createHeadingNode('h2'), () => $createQuoteNode(), () => $createParagraphNode()])!();
        block.replace(replacement, true);
      }
      break;
    case 7:
      if (block && block.getType() === 'paragraph') {
        const list = $createListNode(next() < 0.5 ? 'bullet' : 'check');
        block.replace(list);
        list.append($createListItemNode().append(...block.getChildren()));
      }
      break;
    case 8:
      if (text && text.getParent()?.getType() !== 'link') text.replace($createLinkNode('https://example.com').append($createTextNode(text.getTextContent())));
      break;
    case 9:
      if (text) text.insertAfter($createLineBreakNode());
      break;
    default:
      if (block && blocks.length > 1) block.remove();
  }
  if (root.isEmpty()) root.append($createParagraphNode());
}

/** Three peers editing at once: each update reaches the others late and in shuffled order. */
function editConcurrently(seed: number, steps: number): HeadlessBinding[] {
  const next = random(seed);
  const peers = [0, 1, 2].map(() => bindHeadlessEditor(new Y.Doc()));
  const inFlight: Array<{ to: HeadlessBinding; update: Uint8Array }> = [];
  const wire = Symbol('wire');
  for (const peer of peers) {
    peer.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === wire) return;
      for (const other of peers) if (other !== peer) inFlight.push({ to: other, update });
    });
  }
  peers[0]!.update(() => $getRoot().append($createParagraphNode().append($createTextNode('start'))), null);
  for (let step = 0; step < steps; step++) {
    const peer = peers[Math.floor(next() * peers.length)]!;
    peer.update(() => $randomEdit(next), null);
    while (inFlight.length > 0 && next() < 0.6) {
      const [message] = inFlight.splice(Math.floor(next() * inFlight.length), 1);
      Y.applyUpdate(message!.to.doc, message!.update, wire);
    }
  }
  while (inFlight.length > 0) {
    const message = inFlight.shift()!;
    Y.applyUpdate(message.to.doc, message.update, wire);
  }
  return peers;
}

describe('$readYjsLayout', () => {
  it('reads every format exactly as @lexical/yjs loads it', () => {
    const doc = new Y.Doc();
    replaceDocContent(doc, { format: 'markdown', text: EVERY_FORMAT_MARKDOWN }, null);
    expect(editorStateFromYDoc(doc)).toEqual(referenceState(doc));
  });

  it.each(Array.from({ length: 8 }, (_, i) => 1000 + i))(
    'reads a document three peers edited concurrently exactly as @lexical/yjs loads it (seed %i)',
    (seed) => {
      const peers = editConcurrently(seed, 80);
      const doc = peers[0]!.doc;
      for (const peer of peers) expect(Y.encodeStateVector(peer.doc), `seed ${seed}`).toEqual(Y.encodeStateVector(doc));
      expect(editorStateFromYDoc(doc), `seed ${seed}`).toEqual(referenceState(doc));
    },
  );

  it('leaves a shape it does not know to @lexical/yjs', () => {
    const doc = new Y.Doc();
    const decorator = new Y.XmlElement('image');
    decorator.setAttribute('__type', 'image');
    doc.get('root', Y.XmlText).insertEmbed(0, decorator);
    // Tandem registers no decorator nodes, so @lexical/yjs rejects the doc too.
    expect(() => editorStateFromYDoc(doc)).toThrow(ConversionError);
  });

  it('rejects a root that is not a @lexical/yjs root', () => {
    const doc = new Y.Doc();
    doc.getMap('root').set('x', 1);
    expect(() => editorStateFromYDoc(doc)).toThrow(ConversionError);
  });
});
