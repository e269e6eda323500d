// The Yjs UndoManager that @lexical/react's CollaborationPlugin creates once its binding exists, and publishes on
// the editor under a well-known symbol (it exists from then until the plugin unmounts).
import type { LexicalEditor } from 'lexical';
import type { UndoManager } from 'yjs';

const COLLAB_UNDO_MANAGER = Symbol.for('@lexical/yjs/UndoManager');

export function collabUndoManagerOf(editor: LexicalEditor): UndoManager | undefined {
  return (editor as unknown as Record<symbol, UndoManager | undefined>)[COLLAB_UNDO_MANAGER];
}
