// Undo in steps a person expects: a word, a line break, a paste, a formatting shortcut, the typing at one place.
// The collaboration plugin's Yjs UndoManager merges every change that comes within 500 ms of the previous one, so
// steady typing became one step and a single Ctrl+Z took back whole paragraphs, or text typed at two places at
// once. This ends the current step before the first key after a word (space, Enter, Tab), a paste or a shortcut,
// and before the caret moves away (arrow keys, Home, End, Page Up/Down, a click or a toolbar button), the way Google
// Docs does (undo-step-boundaries.ts decides, key by key). Steps end by these events, not by the clock: the merge window is widened so a pause, or a busy page
// that handles two keys half a second apart, does not cut a word in two. And an undo step never takes back what
// someone else wrote inside it (see undo-keeps-others-text.ts), and redo outlives others' typing (undo-skips-merges.ts).
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import { COMMAND_PRIORITY_CRITICAL, HISTORY_PUSH_TAG, KEY_DOWN_COMMAND, PASTE_COMMAND, type LexicalEditor } from 'lexical';
import { useEffect } from 'react';
import { collabUndoManagerOf } from './collab-undo-manager';
import { UndoStepBoundaries } from './undo-step-boundaries';
import { keepOthersTextOnUndo } from './undo-keeps-others-text';
import { createMergeSkipper } from './undo-skips-merges';

/** Changes closer together than this merge into one step unless an event above ends it first. */
const UNDO_MERGE_WINDOW_MS = 3000;

function endStepNow(editor: LexicalEditor): void {
  collabUndoManagerOf(editor)?.stopCapturing();
}

export function UndoStepsPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    // A click moves the caret, starts a selection or presses a toolbar button: what was typed before is a step.
    const endStepOnPress = () => endStepNow(editor);
    const boundaries = new UndoStepBoundaries();
    const merges = createMergeSkipper();
    // The UndoManager appears once CollaborationPlugin has bound the editor to the doc, before the first edit,
    // which comes as an editor update.
    let filtered: ReturnType<typeof collabUndoManagerOf>;
    const filterUndo = () => {
      const manager = collabUndoManagerOf(editor);
      if (manager === undefined || manager === filtered) return;
      filtered = manager;
      manager.captureTimeout = UNDO_MERGE_WINDOW_MS;
      keepOthersTextOnUndo(manager);
      merges.attach(manager);
    };
    filterUndo();
    return mergeRegister(
      // Registered on mount, before CollaborationPlugin's listener, which writes this update to the shared document.
      editor.registerUpdateListener((update) => {
        filterUndo();
        merges.noteUpdate(update);
        // A Markdown shortcut's change (`# ` made a heading, `**bold**` bold) is a step of its own, apart from the
        // keys that typed it: undo gives the typed `# ` back, as Google Docs does with its autoformat, instead of
        // taking the heading and the `# ` both. Lexical tags that update for its own history, which this editor
        // does not use; it comes after the typed key's update has been written to the shared document.
        if (update.tags.has(HISTORY_PUSH_TAG)) endStepNow(editor);
      }),
      editor.registerCommand(
        KEY_DOWN_COMMAND,
        (event) => {
          const keys = { key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, isAltGraph: event.getModifierState('AltGraph') };
          if (boundaries.beforeKey(keys)) endStepNow(editor);
          return false;
        },
        // Ahead of the handlers that take a shortcut (and stop the command there).
        COMMAND_PRIORITY_CRITICAL,
      ),
      editor.registerCommand(
        PASTE_COMMAND,
        () => {
          endStepNow(editor); // the paste is a step of its own, apart from the typing before it and after it
          boundaries.afterPaste();
          return false;
        },
        // Ahead of the plugins that take a paste and stop the command there (html-paste-plugin.tsx converts tables,
        // Word lists and images): at a low priority this never ran for those, and one undo of a pasted table took
        // back the words typed just before it too.
        COMMAND_PRIORITY_CRITICAL,
      ),
      editor.registerRootListener((root, previousRoot) => {
        previousRoot?.ownerDocument.removeEventListener('pointerdown', endStepOnPress, true);
        root?.ownerDocument.addEventListener('pointerdown', endStepOnPress, true);
      }),
    );
  }, [editor]);
  return null;
}
