// Keeps room below the caret while typing: Lexical scrolls only until the caret is inside the window, so typing at
// the end of a long document wrote on the very bottom edge. After each local change, a caret closer to the bottom
// than the margin scrolls the page up, the way Google Docs keeps the line you type on clear of the edge.
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { COLLABORATION_TAG } from 'lexical';
import { useEffect } from 'react';

/** Room kept below the caret: this much, or a fifth of the window on a short one. */
const MARGIN_PX = 120;

export function CaretMarginPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerUpdateListener(({ tags, dirtyLeaves, dirtyElements }) => {
        // Others' edits never move this person's view, nor does a selection-only update (a click, the arrows).
        if (tags.has(COLLABORATION_TAG) || (dirtyLeaves.size === 0 && dirtyElements.size === 0)) return;
        const root = editor.getRootElement();
        if (root === null || !root.contains(document.activeElement)) return;
        const selection = window.getSelection();
        if (selection === null || selection.rangeCount === 0 || !selection.isCollapsed) return;
        const caret = caretRect(selection.getRangeAt(0));
        if (caret === null) return;
        const limit = window.innerHeight - Math.min(MARGIN_PX, window.innerHeight / 5);
        if (caret.bottom > limit) window.scrollBy({ top: caret.bottom - limit });
      }),
    [editor],
  );
  return null;
}

/** Where the caret is drawn; an empty line has no text to measure, so its element stands in. */
function caretRect(range: Range): DOMRect | null {
  const rect = range.getBoundingClientRect();
  if (rect.height > 0) return rect;
  const container = range.startContainer;
  const element = container instanceof Element ? container : container.parentElement;
  return element?.getBoundingClientRect() ?? null;
}
