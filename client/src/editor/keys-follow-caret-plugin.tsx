// Keys act where the caret is. After the browser moves the caret itself (an arrow key, a click), Lexical learns of
// it from the next `selectionchange` event, which the browser may deliver after the next keydown. Lexical's key
// commands (Enter, Backspace, alignment, block shortcuts) then act on the caret's old place: a quick ArrowUp and
// Ctrl+Shift+E centred the line the caret had just left. Before any key command runs, this adopts the browser's
// selection when it is in this editor and differs from Lexical's.
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $createRangeSelectionFromDom,
  $getSelection,
  $isRangeSelection,
  $isTextNode,
  $setSelection,
  COMMAND_PRIORITY_CRITICAL,
  KEY_DOWN_COMMAND,
  type LexicalEditor,
} from 'lexical';
import { useEffect } from 'react';

/** The browser's selection when it lies inside `editor`'s root, or null. */
function domSelectionInside(editor: LexicalEditor): Selection | null {
  const root = editor.getRootElement();
  const selection = root?.ownerDocument.defaultView?.getSelection() ?? null;
  if (root === null || selection === null || selection.anchorNode === null || selection.focusNode === null) return null;
  return root.contains(selection.anchorNode) && root.contains(selection.focusNode) ? selection : null;
}

/** Makes Lexical's selection the browser's, when they differ; a caret in text takes that text's format and style. */
function $adoptDomSelection(editor: LexicalEditor): void {
  const current = $getSelection();
  // Lexical's own node selections (an image, a divider) have no caret in the DOM to follow.
  if (current !== null && !$isRangeSelection(current)) return;
  const domSelection = domSelectionInside(editor);
  if (domSelection === null) return;
  const fromDom = $createRangeSelectionFromDom(domSelection, editor);
  if (fromDom === null) return;
  // Points only: a caret's format (Ctrl+B with nothing selected makes the next letters bold) is Lexical's alone.
  if (current !== null && fromDom.anchor.is(current.anchor) && fromDom.focus.is(current.focus)) return;
  if (fromDom.isCollapsed()) {
    const node = fromDom.anchor.getNode();
    if ($isTextNode(node)) {
      fromDom.format = node.getFormat();
      fromDom.style = node.getStyle();
    }
  }
  $setSelection(fromDom);
}

export function KeysFollowCaretPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerCommand(
        KEY_DOWN_COMMAND,
        () => {
          $adoptDomSelection(editor);
          return false;
        },
        COMMAND_PRIORITY_CRITICAL,
      ),
    [editor],
  );
  return null;
}
