import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { contentPieces } from './content-pieces';
import { EVERY_FORMAT_MARKDOWN } from './conversion-fixtures';
import { editorStateToMarkdown } from './editor-state-to-markdown';
import { bindHeadlessEditor } from './headless-binding';
import { contentUpdate } from './replace-doc-content';
import { replaceRootWith } from './replace-root';
import { createSeedUpdate } from './seed';
import { editorStateFromYDoc } from './yjs-to-editor-state';

const MARKDOWN = [EVERY_FORMAT_MARKDOWN, 'A **bold** end, *italic* and `code`.', EVERY_FORMAT_MARKDOWN].join('\n\n');

function seededDoc(): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, createSeedUpdate());
  return doc;
}

function markdownOf(doc: Y.Doc): string {
  return editorStateToMarkdown(editorStateFromYDoc(doc));
}

describe('contentPieces', () => {
  it('cuts new content into pieces that each integrate completely, and together give what the whole would', () => {
    const content = contentUpdate({ format: 'markdown', text: MARKDOWN });
    const whole = seededDoc();
    replaceRootWith(whole, content, null);
    const expected = markdownOf(whole);
    expect(expected).toContain('A **bold** end');

    for (const structsPerPiece of [1, 7, 60]) {
      const pieces = contentPieces(content, structsPerPiece);
      expect(pieces.length).toBeGreaterThan(2);
      const live = seededDoc();
      // A browser bound to the live document sees the pieces arrive one by one.
      const browser = bindHeadlessEditor(new Y.Doc());
      Y.applyUpdate(browser.doc, Y.encodeStateAsUpdate(live));
      live.on('update', (update: Uint8Array) => Y.applyUpdate(browser.doc, update));
      replaceRootWith(live, pieces[0]!, null);
      for (const piece of pieces.slice(1)) {
        Y.applyUpdate(live, piece);
        expect(live.store.pendingStructs).toBeNull();
        expect(live.store.pendingDs).toBeNull();
      }
      expect(markdownOf(live)).toBe(expected);
      expect(editorStateToMarkdown(browser.editor.getEditorState().toJSON())).toBe(expected);
      browser.destroy();
    }
  });

  it('gives small content back whole', () => {
    const content = contentUpdate({ format: 'markdown', text: 'one line' });
    expect(contentPieces(content, 10_000)).toEqual([content]);
  });
});
