// Coming back into the text with Tab (from the toolbar, after Escape and Shift+Tab took the focus out) finds the
// caret where it was, as in Google Docs. The browser puts the caret at the very start of an editable element it tabs
// into, so the next letters (and a Tab, which indents) went to the top of the document. Any other way back keeps its
// own caret: a click's, or the one a panel gives back (the find panel selects its match, a toolbar button keeps the
// selection it acted on).
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import {
  $getNodeByKey,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  $setSelection,
  COMMAND_PRIORITY_LOW,
  FOCUS_COMMAND,
  type LexicalEditor,
  type RangeSelection,
} from 'lexical';
import { useEffect } from 'react';

/** A focus this soon after a Tab came from it. */
const TAB_FOCUS_WINDOW_MS = 200;

export function CaretOnReturnPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    /** The selection the text last had while it had the focus (by the time the focus has gone, it may have none). */
    let lastSelection: RangeSelection | null = null;
    /**
     * When Tab was last pressed anywhere on the page (the focus it moves arrives in the same task), unless another key
     * came after it: a focus that follows Tab, a word and Enter in a form (the link form gives the focus back with the
     * caret after its new link) did not come from the Tab, and putting the old caret back sent the next letters to
     * the wrong side of the link.
     */
    let lastTabAt = Number.NEGATIVE_INFINITY;
    const noteTab = (event: KeyboardEvent) => {
      if (event.key === 'Tab') lastTabAt = event.timeStamp;
      else if (!isModifierKey(event.key)) lastTabAt = Number.NEGATIVE_INFINITY;
    };
    window.addEventListener('keydown', noteTab, true);
    return mergeRegister(
      () => window.removeEventListener('keydown', noteTab, true),
      editor.registerUpdateListener(({ editorState }) => {
        const root = editor.getRootElement();
        if (root === null || !root.contains(document.activeElement)) return;
        const selection = editorState.read(() => $getSelection());
        if ($isRangeSelection(selection)) lastSelection = selection.clone();
      }),
      editor.registerCommand(
        FOCUS_COMMAND,
        (event) => {
          const saved = lastSelection;
          lastSelection = null;
          if (saved !== null && event.timeStamp - lastTabAt < TAB_FOCUS_WINDOW_MS) putBack(editor, saved);
          return false;
        },
        COMMAND_PRIORITY_LOW,
      ),
    );
  }, [editor]);
  return null;
}

/** Keys pressed on their way to a Shift+Tab, say: they do not end the Tab's window. */
function isModifierKey(key: string): boolean {
  return key === 'Shift' || key === 'Control' || key === 'Alt' || key === 'Meta';
}

/** Puts `saved` back as the selection, when the text it points into is still there. */
function putBack(editor: LexicalEditor, saved: RangeSelection): void {
  editor.update(() => {
    const isIntact = [saved.anchor, saved.focus].every((point) => {
      const node = $getNodeByKey(point.key);
      if (node === null || !node.isAttached()) return false;
      return point.offset <= ($isElementNode(node) ? node.getChildrenSize() : node.getTextContentSize());
    });
    if (isIntact) $setSelection(saved.clone());
  });
}
