// Reads @lexical/yjs's document layout (v1: an XmlText per element with the node's fields as attributes, a Y.Map
// per text node followed by its characters, a Y.Map per line break) straight into Lexical nodes. Same result as
// binding an editor and letting @lexical/yjs load the doc (read-yjs-layout.test.ts holds the two equal), but it
// neither copies the doc nor builds the binding's collab tree (2–4× faster on large documents) and never writes.
// Shapes it does not know (decorators, named slots, nested shared types) throw UnknownLayout: use the binding then.
import {
  $getRoot,
  $getWritableNodeState,
  $isElementNode,
  $isLineBreakNode,
  $isTextNode,
  type ElementNode,
  getRegisteredNode,
  type LexicalEditor,
  type LexicalNode,
  type TextNode,
} from 'lexical';
import * as Y from 'yjs';

export class UnknownLayout extends Error {
  override readonly name = 'UnknownLayout';
}

/** Fields @lexical/yjs never takes from attributes (its isExcludedProperty), or handles on their own (`__state`). */
const UNSYNCED_FIELDS = new Set([
  '__type',
  '__key',
  '__parent',
  '__next',
  '__prev',
  '__state',
  '__slotHost',
  '__slots',
  '__first',
  '__last',
  '__size',
  '__text',
]);

/** Replaces the editor's root children with the content of `root`. Must run inside `editor.update`. */
export function $readYjsLayout(editor: LexicalEditor, root: Y.XmlText): void {
  $readChildren(editor, root, $getRoot().clear());
}

function $readChildren(editor: LexicalEditor, xmlText: Y.XmlText, parent: ElementNode): void {
  let text: TextNode | null = null;
  let characters = '';
  for (const { insert } of xmlText.toDelta() as Array<{ insert: unknown }>) {
    if (typeof insert === 'string') {
      // Characters with no text node before them (left by concurrent deletes) are dropped, as @lexical/yjs does.
      if (text !== null) characters += insert;
      continue;
    }
    if (text !== null) text.setTextContent(characters);
    text = null;
    characters = '';
    if (insert instanceof Y.XmlText) {
      const element = $createNode(editor, insert.getAttributes());
      if (!$isElementNode(element)) throw new UnknownLayout(`${element.getType()} stored as an element`);
      parent.append(element);
      $readChildren(editor, insert, element);
    } else if (insert instanceof Y.Map) {
      const leaf = $createNode(editor, Object.fromEntries(insert.entries()));
      if ($isTextNode(leaf)) text = leaf;
      else if (!$isLineBreakNode(leaf)) throw new UnknownLayout(`${leaf.getType()} stored as a text map`);
      parent.append(leaf);
    } else {
      throw new UnknownLayout('a decorator element or an unknown embed');
    }
  }
  if (text !== null) (text as TextNode).setTextContent(characters);
}

/** A node of the stored type with the stored fields, as $syncPropertiesFromYjs would set them. */
function $createNode(editor: LexicalEditor, fields: Record<string, unknown>): LexicalNode {
  const type = fields.__type;
  const registered = typeof type === 'string' ? getRegisteredNode(editor, type) : undefined;
  if (registered === undefined) throw new UnknownLayout(`unknown node type ${String(type)}`);
  const node = new registered.klass();
  const writable = node as unknown as Record<string, unknown>;
  for (const [field, value] of Object.entries(fields)) {
    if (UNSYNCED_FIELDS.has(field) || typeof writable[field] === 'function') continue;
    if (value instanceof Y.AbstractType || value instanceof Y.Doc) throw new UnknownLayout(`nested ${field}`);
    writable[field] = value;
  }
  if (fields.__slots !== undefined) throw new UnknownLayout('named slots');
  const state = fields.__state;
  if (state instanceof Y.Map) $getWritableNodeState(node).updateFromJSON(state.toJSON());
  return node;
}
