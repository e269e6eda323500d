// Makes the editor read-only while the user may only view (a viewer token, or a connection stopped for good), and
// puts the caret at the start of the document the first time it may be edited, as Google Docs does (not at the end,
// which scrolled a long document to its bottom), unless the person has already moved the focus somewhere else (the
// page's own buttons, the address bar). While typing is held for a replacement (holdTyping), the letters typed are
// kept (held-keys.ts) and typed in where the caret starts again once it may go on: none is lost. It starts again
// beside the words it was at, found in the new content (caret-across-replacement.ts).
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getRoot, $getSelection, $isRangeSelection, type LexicalEditor } from 'lexical';
import { useEffect, useRef } from 'react';
import { $captureCaret, $placeCaret, type CaretPlace } from './caret-across-replacement';
import { holdKeys, type HeldKeys } from '../hold-keys';
import { $typeHeldKeys } from './held-keys';

/** Frames to wait for the page to render the editor as editable (one or two, normally). */
const MAX_FRAMES_TO_FOCUS = 30;

interface HeldTyping {
  readonly keys: HeldKeys;
  /** Where the caret was when typing stopped, or null when the editor had none. */
  readonly caret: CaretPlace | null;
}

/**
 * Editors whose typing holdTyping stopped while they had the focus, with the keys pressed since: the focus goes back
 * to them, and the keys into them, when they may type again.
 */
const focusedWhenHeld = new WeakMap<LexicalEditor, HeldTyping>();

/**
 * Stops typing into `editor` at once, from outside React (a replacement's notice, read in the Yjs observer that
 * receives it, before the content moves): the next keystroke must not wait for a render. EditablePlugin sets the
 * editor's state again at its next render, which `resync` must then force.
 */
export function holdTyping(editor: LexicalEditor): void {
  const root = editor.getRootElement();
  if (root !== null && root.contains(document.activeElement) && !focusedWhenHeld.has(editor)) {
    focusedWhenHeld.set(editor, { keys: holdKeys(root), caret: editor.getEditorState().read($captureCaret) });
  }
  editor.setEditable(false);
  // The element itself stops taking keys now too: ContentEditable sets the attribute at its next render, and a key
  // pressed before it went into the page natively, which Lexical then took into the new content's first line (the
  // caret later started again in front of it: "yping during importt").
  root?.setAttribute('contenteditable', 'false');
}

interface EditablePluginProps {
  readonly isEditable: boolean;
  /** Any value that changes whenever holdTyping may have been called since the last render. */
  readonly resync?: unknown;
  /** Keys typed before the editor first may be edited (typed-ahead.ts): typed in where the caret starts. */
  readonly typedAhead?: HeldKeys | null;
}

export function EditablePlugin({ isEditable, resync, typedAhead = null }: EditablePluginProps) {
  const [editor] = useLexicalComposerContext();
  const hasFocusedOnce = useRef(false);
  useEffect(() => {
    editor.setEditable(isEditable);
    if (!isEditable) return;
    // The text the caret was in was replaced: it starts again beside the same words in the new content, or at its
    // top, as on opening. Placed now, before any key can reach the editor; the focus follows once the element
    // accepts it. (Placed in the frame after, a letter typed in between stayed behind the caret: "yping… t".)
    const held = focusedWhenHeld.get(editor);
    if (held !== undefined) {
      focusedWhenHeld.delete(editor);
      const heldKeys = held.keys;
      editor.update(
        () => {
          if (held.caret === null || !$placeCaret(held.caret)) $getRoot().selectStart();
        },
        { discrete: true },
      );
      // Keys pressed until the focus is back are still held; then they are typed in, before any later key (also
      // when the person has moved the focus elsewhere meanwhile: they were typed for the text).
      let isTyped = false;
      const typeHeldKeys = () => {
        isTyped = true;
        editor.update(() => $typeHeldKeys(heldKeys.release()), { discrete: true });
      };
      const stop = focusWhenEditable(editor, typeHeldKeys, typeHeldKeys);
      return () => {
        stop();
        // Not typed in yet (held again, say): they wait for the next time the editor may type; gone with the editor.
        if (isTyped) return;
        if (editor.getRootElement()?.isConnected === true) focusedWhenHeld.set(editor, held);
        else heldKeys.release();
      };
    }
    if (hasFocusedOnce.current) return;
    return focusWhenEditable(editor, () => {
      hasFocusedOnce.current = true;
      const typed = typedAhead?.release() ?? '';
      if (typed === '') return;
      // Typed for the text even when the person has since put the focus elsewhere: at the caret, else the start.
      editor.update(
        () => {
          if (!$isRangeSelection($getSelection())) $getRoot().selectStart();
          $typeHeldKeys(typed);
        },
        { discrete: true },
      );
    });
  }, [editor, isEditable, resync, typedAhead]);
  return null;
}

/**
 * Focuses `editor` once its element accepts the caret (ContentEditable re-renders after setEditable), unless the
 * person has moved the focus elsewhere meanwhile; the caret stays where it is, or starts at the document's start.
 * `onTried` runs once the element is ready (the focus given, or left where it was); `onGivenUp` when it never was.
 */
function focusWhenEditable(editor: LexicalEditor, onTried: () => void, onGivenUp?: () => void): () => void {
  let frame = 0;
  let handle = requestAnimationFrame(function tryFocus() {
    const root = editor.getRootElement();
    if (root?.isContentEditable) {
      const active = document.activeElement;
      if (active === null || active === document.body || root.contains(active)) editor.focus(undefined, { defaultSelection: 'rootStart' });
      onTried();
    } else if (++frame < MAX_FRAMES_TO_FOCUS) {
      handle = requestAnimationFrame(tryFocus);
    } else {
      onGivenUp?.();
    }
  });
  return () => cancelAnimationFrame(handle);
}
