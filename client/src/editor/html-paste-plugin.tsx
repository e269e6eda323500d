// Pasted HTML the editor would import badly is converted first: lists from Microsoft Word stay lists (see
// word-lists.ts), a table's rows become lines (see pasted-tables.ts), links lose the underline that only draws them
// and images become links (see pasted-links-and-images.ts), code from VS Code keeps its lines (see
// pasted-code-lines.ts). The rest of the paste goes the usual way (one undo step, tagged as a paste). A copy from
// VS Code that names its language is left to markdown-paste-plugin.tsx: its HTML only colours the text.
import { $insertDataTransferForRichText } from '@lexical/clipboard';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getSelection, COMMAND_PRIORITY_HIGH, PASTE_COMMAND, PASTE_TAG } from 'lexical';
import { useEffect } from 'react';
import { joinCodeLines } from './pasted-code-lines';
import { pastedFromVscode } from './pasted-from-vscode';
import { tidyLinksAndImages } from './pasted-links-and-images';
import { flattenTables } from './pasted-tables';
import { convertWordLists } from './word-lists';

export function HtmlPastePlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerCommand(
        PASTE_COMMAND,
        (event) => {
          const clipboard = event instanceof ClipboardEvent ? event.clipboardData : null;
          if (!clipboard || pastedFromVscode(clipboard.getData('vscode-editor-data'), clipboard.getData('text/plain')) !== null) return false;
          const converted = convertPastedHtml(clipboard.getData('text/html'));
          if (converted === null) return false;
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

/** `html` converted for the editor; null when it needs nothing (paste it unchanged). */
function convertPastedHtml(html: string): string | null {
  let converted: string | null = null;
  for (const convert of [convertWordLists, flattenTables, tidyLinksAndImages, joinCodeLines]) converted = convert(converted ?? html) ?? converted;
  return converted;
}
