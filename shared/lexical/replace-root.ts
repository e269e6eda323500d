// The cheap half of a whole-document replacement (see replace-doc-content.ts): new content, already written as a Yjs
// update, put in place of a document's blocks. Yjs only, no Lexical, so the server's event loop runs it without
// loading the editor, while the conversion thread writes the content.
import * as Y from 'yjs';
import { LEXICAL_ROOT_KEY } from './root-key';
import { transactCapturingUpdate } from './transact-capturing-update';

/**
 * Replaces every block of `doc` with those of `content` (from contentUpdate) in one transaction tagged `origin`, and
 * returns that transaction's update. Root-level properties (format, indent, direction) are left as they are.
 */
export function replaceRootWith(doc: Y.Doc, content: Uint8Array, origin: unknown): Uint8Array {
  const root = doc.get(LEXICAL_ROOT_KEY, Y.XmlText);
  const produced = transactCapturingUpdate(doc, () => {
    // One range delete: @lexical/yjs's own diff would delete block by block, which Yjs makes quadratic.
    root.delete(0, root.length);
    // The new blocks were inserted into an empty root, so they integrate as one run among the tombstones.
    Y.applyUpdate(doc, content);
  }, origin);
  if (produced === null) throw new Error('replaceRootWith: the replacement produced no Yjs update');
  return produced;
}

/**
 * Deletes up to `count` blocks from the end of `doc` in one transaction tagged `origin`, keeping at least `keep`, and
 * returns how many it deleted. For replacing a large document a run at a time: when a transaction ends, Yjs collects
 * the content of what it deleted, a cost that grows with the blocks.
 */
export function deleteLastBlocks(doc: Y.Doc, count: number, keep: number, origin: unknown): number {
  const root = doc.get(LEXICAL_ROOT_KEY, Y.XmlText);
  const deleted = Math.min(count, Math.max(0, root.length - keep));
  if (deleted > 0) doc.transact(() => root.delete(root.length - deleted, deleted), origin);
  return deleted;
}
