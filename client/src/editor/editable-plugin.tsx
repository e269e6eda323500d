// Makes the editor read-only while the user may only view (a viewer token, or a connection stopped for good), and
// puts the caret at the start of the document the first time it may be edited, as Google Docs does (not at the end,
// which scrolled a long document to its bottom), unless the person has already moved the focus somewhere else (the
// page's own buttons, the address bar).
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import type { LexicalEditor } from 'lexical';
import { useEffect, useRef } from 'react';

/** Frames to wait for the page to render the editor as editable (one or two, normally). */
const MAX_FRAMES_TO_FOCUS = 30;

export function EditablePlugin({ isEditable }: { isEditable: boolean }) {
  const [editor] = useLexicalComposerContext();
  const hasFocusedOnce = useRef(false);
  useEffect(() => {
    editor.setEditable(isEditable);
    if (!isEditable || hasFocusedOnce.current) return;
    return focusWhenEditable(editor, () => (hasFocusedOnce.current = true));
  }, [editor, isEditable]);
  return null;
}

/** Focuses `editor` once its element accepts the caret (ContentEditable re-renders after setEditable). */
function focusWhenEditable(editor: LexicalEditor, onTried: () => void): () => void {
  let frame = 0;
  let handle = requestAnimationFrame(function tryFocus() {
    const root = editor.getRootElement();
    if (root?.isContentEditable) {
      onTried();
      const active = document.activeElement;
      if (active === null || active === document.body) editor.focus(undefined, { defaultSelection: 'rootStart' });
    } else if (++frame < MAX_FRAMES_TO_FOCUS) {
      handle = requestAnimationFrame(tryFocus);
    }
  });
  return () => cancelAnimationFrame(handle);
}
