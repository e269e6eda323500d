// Pasted plain text that reads as Markdown goes in converted (see pasted-markdown.ts), as one paste: one undo step,
// tagged as a paste. Ctrl+Shift+V (⇧⌘V), paste without formatting, keeps it as typed.
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import { $getSelection, $isRangeSelection, COMMAND_PRIORITY_HIGH, PASTE_COMMAND, PASTE_TAG } from 'lexical';
import { useEffect } from 'react';
import { $insertMarkdown, $isInCode, looksLikeMarkdown } from './pasted-markdown';

/** Ctrl+Shift+V, or ⇧⌘V: the browser's paste without formatting, which hands the page a paste event all the same. */
function isPlainPasteKey(event: KeyboardEvent): boolean {
  return event.shiftKey && (event.ctrlKey || event.metaKey) && event.code === 'KeyV';
}

export function MarkdownPastePlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    // The paste event of Ctrl+Shift+V comes while its key is down; released, a later paste (from a menu) is plain again.
    let isPlainPaste = false;
    const onKeyDown = (event: KeyboardEvent) => (isPlainPaste = isPlainPasteKey(event));
    const onKeyUp = () => (isPlainPaste = false);
    return mergeRegister(
      editor.registerRootListener((root, previousRoot) => {
        previousRoot?.removeEventListener('keydown', onKeyDown, true);
        previousRoot?.removeEventListener('keyup', onKeyUp, true);
        root?.addEventListener('keydown', onKeyDown, true);
        root?.addEventListener('keyup', onKeyUp, true);
      }),
      editor.registerCommand(
        PASTE_COMMAND,
        (event) => {
          const clipboard = event instanceof ClipboardEvent ? event.clipboardData : null;
          if (clipboard === null || isPlainPaste) return false;
          // Copied from a page or from Tandem itself: formatted already, and taken the usual way (html-paste-plugin.tsx).
          if (clipboard.getData('text/html') !== '' || clipboard.getData('application/x-lexical-editor') !== '') return false;
          const text = clipboard.getData('text/plain');
          if (!looksLikeMarkdown(text)) return false;
          // Commands run inside an editor update: the selection is the one the paste goes to.
          const selection = $getSelection();
          if (!$isRangeSelection(selection) || $isInCode(selection)) return false;
          event.preventDefault();
          editor.update(
            () => {
              const current = $getSelection();
              if ($isRangeSelection(current)) $insertMarkdown(editor, text, current);
            },
            { tag: PASTE_TAG },
          );
          return true;
        },
        COMMAND_PRIORITY_HIGH,
      ),
    );
  }, [editor]);
  return null;
}

