// Keys and remote changes act where the caret is. After the browser moves the caret itself (an arrow key, a click),
// Lexical learns of it from the next `selectionchange` event, which the browser may deliver after the next keydown
// or after a collaborator's change arrives. Lexical's key commands (Enter, Backspace, alignment, block shortcuts)
// then acted on the caret's old place (a quick ArrowUp and Ctrl+Shift+E centred the line the caret had just left),
// and a remote change put the old selection back on the page (Shift+→ held while someone typed in the paragraph
// lost some of its steps). Before any key command runs, and before a remote change is applied, this adopts the
// browser's selection when it is in this editor and differs from Lexical's.
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $createRangeSelectionFromDom,
  $getSelection,
  $isRangeSelection,
  $isTextNode,
  $setSelection,
  COMMAND_PRIORITY_CRITICAL,
  KEY_DOWN_COMMAND,
  SKIP_SCROLL_INTO_VIEW_TAG,
  type LexicalEditor,
  type RangeSelection,
} from 'lexical';
import { useEffect } from 'react';
import type * as Y from 'yjs';

/** The browser's selection when it lies inside `editor`'s root, or null. */
function domSelectionInside(editor: LexicalEditor): Selection | null {
  const root = editor.getRootElement();
  const selection = root?.ownerDocument.defaultView?.getSelection() ?? null;
  if (root === null || selection === null || selection.anchorNode === null || selection.focusNode === null) return null;
  return root.contains(selection.anchorNode) && root.contains(selection.focusNode) ? selection : null;
}

/** The browser's selection, when it is in this editor and on other points than Lexical's; else null. */
function $movedDomSelection(editor: LexicalEditor): RangeSelection | null {
  const current = $getSelection();
  // Lexical's own node selections (an image, a divider) have no caret in the DOM to follow.
  if (current !== null && !$isRangeSelection(current)) return null;
  const domSelection = domSelectionInside(editor);
  if (domSelection === null) return null;
  const fromDom = $createRangeSelectionFromDom(domSelection, editor);
  if (fromDom === null) return null;
  // Points only: a caret's format (Ctrl+B with nothing selected makes the next letters bold) is Lexical's alone.
  if (current !== null && fromDom.anchor.is(current.anchor) && fromDom.focus.is(current.focus)) return null;
  return fromDom;
}

/** Makes Lexical's selection the browser's, when they differ; a caret in text takes that text's format and style. */
function $adoptDomSelection(editor: LexicalEditor): void {
  const fromDom = $movedDomSelection(editor);
  if (fromDom === null) return;
  if (fromDom.isCollapsed()) {
    const node = fromDom.anchor.getNode();
    if ($isTextNode(node)) {
      fromDom.format = node.getFormat();
      fromDom.style = node.getStyle();
    }
  }
  $setSelection(fromDom);
}

export function KeysFollowCaretPlugin({ doc }: { doc: Y.Doc }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    // At the start of a collaborator's change, before the binding applies it and restores this user's selection.
    const beforeRemoteChange = (transaction: Y.Transaction) => {
      // Not with an edit of this user's still uncommitted: the update would commit it inside the remote transaction.
      if (transaction.local || editor.isComposing() || editor._pendingEditorState !== null) return;
      // Read first: most remote changes find the selection as it was, and need no update of their own.
      if (editor.getEditorState().read(() => $movedDomSelection(editor), { editor }) === null) return;
      editor.update(() => $adoptDomSelection(editor), { discrete: true, tag: SKIP_SCROLL_INTO_VIEW_TAG });
    };
    doc.on('beforeTransaction', beforeRemoteChange);
    const unregister = editor.registerCommand(
      KEY_DOWN_COMMAND,
      () => {
        $adoptDomSelection(editor);
        return false;
      },
      COMMAND_PRIORITY_CRITICAL,
    );
    return () => {
      doc.off('beforeTransaction', beforeRemoteChange);
      unregister();
    };
  }, [editor, doc]);
  return null;
}
