// A paste from Microsoft Word keeps its lists (see word-lists.ts): the clipboard's HTML is converted before the
// editor imports it, and the rest of the paste goes the usual way (one undo step, tagged as a paste).
import { $insertDataTransferForRichText } from '@lexical/clipboard';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getSelection, COMMAND_PRIORITY_HIGH, PASTE_COMMAND, PASTE_TAG } from 'lexical';
import { useEffect } from 'react';
import { convertWordLists } from './word-lists';

export function WordListPastePlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerCommand(
        PASTE_COMMAND,
        (event) => {
          const clipboard = event instanceof ClipboardEvent ? event.clipboardData : null;
          const converted = clipboard ? convertWordLists(clipboard.getData('text/html')) : null;
          if (!clipboard || converted === null) return false;
          const transfer = new DataTransfer();
          transfer.setData('text/plain', clipboard.getData('text/plain'));
          transfer.setData('text/html', converted);
          event.preventDefault();
          editor.update(
            () => {
              const selection = $getSelection();
              if (selection !== null) $insertDataTransferForRichText(transfer, selection, editor);
            },
            { tag: PASTE_TAG },
          );
          return true;
        },
        COMMAND_PRIORITY_HIGH,
      ),
    [editor],
  );
  return null;
}
