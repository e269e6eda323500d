// Undo in steps a person expects: a word, a line break, a paste, the typing at one place. The collaboration
// plugin's Yjs UndoManager merges every change that comes within 500 ms of the previous one, so steady typing became
// one step and a single Ctrl+Z took back whole paragraphs, or text typed at two places at once. This closes the
// current step after each key that ends a word (space, Enter, Tab) and around a paste, and before the caret moves
// away (arrow keys, Home, End, Page Up/Down, a click), the way Google Docs does. And an undo step never takes back
// what someone else wrote inside it (see undo-keeps-others-text.ts).
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import { COMMAND_PRIORITY_LOW, KEY_DOWN_COMMAND, PASTE_COMMAND, type LexicalEditor } from 'lexical';
import { useEffect } from 'react';
import { collabUndoManagerOf } from './collab-undo-manager';
import { keepOthersTextOnUndo } from './undo-keeps-others-text';

const STEP_ENDING_KEYS = new Set([' ', 'Enter', 'Tab']);
const CARET_MOVING_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);

function endStepNow(editor: LexicalEditor): void {
  collabUndoManagerOf(editor)?.stopCapturing();
}

/** Closes the current undo step once the change now under way has reached the Yjs document. */
function endStepAfterThisChange(editor: LexicalEditor): void {
  // The key's change is applied by the events that follow keydown and synced to Yjs when the update commits; a
  // task scheduled now runs after both.
  setTimeout(() => endStepNow(editor), 0);
}

export function UndoStepsPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    // A click moves the caret (or starts a selection) at the press; what was typed before it is a step of its own.
    const endStepOnPress = () => endStepNow(editor);
    // The UndoManager appears once CollaborationPlugin has bound the editor to the doc, before the first edit,
    // which comes as an editor update.
    let filtered: ReturnType<typeof collabUndoManagerOf>;
    const filterUndo = () => {
      const manager = collabUndoManagerOf(editor);
      if (manager === undefined || manager === filtered) return;
      filtered = manager;
      keepOthersTextOnUndo(manager);
    };
    filterUndo();
    return mergeRegister(
      editor.registerUpdateListener(filterUndo),
      editor.registerCommand(
        KEY_DOWN_COMMAND,
        (event) => {
          // With or without modifiers (a word or line at a time, extending a selection): the caret leaves.
          if (CARET_MOVING_KEYS.has(event.key)) endStepNow(editor);
          else if (STEP_ENDING_KEYS.has(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey) endStepAfterThisChange(editor);
          return false;
        },
        COMMAND_PRIORITY_LOW,
      ),
      editor.registerCommand(
        PASTE_COMMAND,
        () => {
          endStepNow(editor); // the paste is a step of its own, apart from the typing before it
          endStepAfterThisChange(editor);
          return false;
        },
        COMMAND_PRIORITY_LOW,
      ),
      editor.registerRootListener((root, previousRoot) => {
        previousRoot?.removeEventListener('pointerdown', endStepOnPress);
        root?.addEventListener('pointerdown', endStepOnPress);
      }),
    );
  }, [editor]);
  return null;
}
