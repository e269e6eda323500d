// Keeps room below the caret while typing: Lexical scrolls only until the caret is inside the window, so typing at
// the end of a long document wrote on the very bottom edge. After each local change, a caret closer to the bottom
// than the margin scrolls the page up, the way Google Docs keeps the line you type on clear of the edge. And a caret
// the browser brought into view behind the sticky top bar (Ctrl+Home, arrow up, undo in a long document) scrolls
// the page down until it is below the bar.
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { COLLABORATION_TAG } from 'lexical';
import { useEffect } from 'react';

/** Room kept below the caret: this much, or a fifth of the window on a short one. */
const MARGIN_PX = 120;
/** Room kept between the sticky top bar and a caret scrolled out from under it. */
const BAR_CLEARANCE_PX = 8;

export function CaretMarginPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerUpdateListener(({ tags, dirtyLeaves, dirtyElements }) => {
        // Others' edits never move this person's view.
        if (tags.has(COLLABORATION_TAG)) return;
        const root = editor.getRootElement();
        if (root === null || !root.contains(document.activeElement)) return;
        const selection = window.getSelection();
        if (selection === null || selection.rangeCount === 0 || !selection.isCollapsed) return;
        const caret = caretRect(selection.getRangeAt(0));
        if (caret === null) return;
        const barBottom = Number.parseFloat(getComputedStyle(root).getPropertyValue('--top-bar-height')) || 0;
        if (caret.top < barBottom && caret.bottom > 0) {
          window.scrollBy({ top: caret.top - barBottom - BAR_CLEARANCE_PX });
          return;
        }
        // A selection-only update (a click, the arrows) leaves the bottom margin alone.
        if (dirtyLeaves.size === 0 && dirtyElements.size === 0) return;
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
