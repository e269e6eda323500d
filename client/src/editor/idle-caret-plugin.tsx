// Your caret stays where you left it for the others when your editor loses the focus, as in Google Docs.
// CollaborationPlugin marks your awareness state `focusing: false` on blur, and @lexical/yjs draws only focused
// carets, so yours vanished from everyone's page the moment you opened a menu, renamed yourself or switched windows,
// and a click on your avatar had nothing to go to. The blur is taken here first (nothing else in the editor handles
// it), so once you have been in the text your state says focusing and keeps its position.
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { BLUR_COMMAND, COMMAND_PRIORITY_CRITICAL } from 'lexical';
import { useEffect } from 'react';

export function IdleCaretPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(() => editor.registerCommand(BLUR_COMMAND, () => true, COMMAND_PRIORITY_CRITICAL), [editor]);
  return null;
}
