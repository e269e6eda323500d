// Undo in steps a person expects: a word, a line break, a paste. The collaboration plugin's Yjs UndoManager merges
// every change that comes within 500 ms of the previous one, so steady typing became one step and a single Ctrl+Z
// took back whole paragraphs. After each key that ends a word (space, Enter, Tab) and after a paste, this closes the
// current step, the way Google Docs does.
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import { COMMAND_PRIORITY_LOW, KEY_DOWN_COMMAND, PASTE_COMMAND, type LexicalEditor } from 'lexical';
import { useEffect } from 'react';

/** Where @lexical/react's CollaborationPlugin publishes its UndoManager on the editor. */
const COLLAB_UNDO_MANAGER = Symbol.for('@lexical/yjs/UndoManager');

const STEP_ENDING_KEYS = new Set([' ', 'Enter', 'Tab']);

interface CapturingUndoManager {
  stopCapturing(): void;
}

function undoManagerOf(editor: LexicalEditor): CapturingUndoManager | undefined {
  return (editor as unknown as Record<symbol, CapturingUndoManager | undefined>)[COLLAB_UNDO_MANAGER];
}

/** Closes the current undo step once the change now under way has reached the Yjs document. */
function endStepAfterThisChange(editor: LexicalEditor): void {
  // The key's change is applied by the events that follow keydown and synced to Yjs when the update commits; a
  // task scheduled now runs after both.
  setTimeout(() => undoManagerOf(editor)?.stopCapturing(), 0);
}

export function UndoStepsPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      mergeRegister(
        editor.registerCommand(
          KEY_DOWN_COMMAND,
          (event) => {
            if (STEP_ENDING_KEYS.has(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey) endStepAfterThisChange(editor);
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
        editor.registerCommand(
          PASTE_COMMAND,
          () => {
            undoManagerOf(editor)?.stopCapturing(); // the paste is a step of its own, apart from the typing before it
            endStepAfterThisChange(editor);
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
      ),
    [editor],
  );
  return null;
}
