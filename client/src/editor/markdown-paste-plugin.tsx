// Pasted plain text that reads as Markdown goes in converted (see pasted-markdown.ts), as one paste: one undo step,
// tagged as a paste. Ctrl+Shift+V (⇧⌘V), paste without formatting, keeps it as typed. A Markdown or text file dropped
// on the document goes in where it is dropped, the same way: before, nothing happened.
import { $insertDataTransferForRichText } from '@lexical/clipboard';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { DRAG_DROP_PASTE } from '@lexical/rich-text';
import { mergeRegister } from '@lexical/utils';
import {
  $getRoot,
  $getSelection,
  $isRangeSelection,
  COMMAND_PRIORITY_HIGH,
  COMMAND_PRIORITY_LOW,
  PASTE_COMMAND,
  PASTE_TAG,
  type LexicalEditor,
} from 'lexical';
import { useEffect } from 'react';
import { collabUndoManagerOf } from './collab-undo-manager';
import { $emptyLineAt, $insertMarkdown, $isInCode, looksLikeMarkdown } from './pasted-markdown';

/** Files read as Markdown whatever they hold. */
const MARKDOWN_FILE = /\.(md|markdown|mdown|mkd)$/i;
/** Files read as text, converted when they read as Markdown (as a paste of their text would be). */
const TEXT_FILE = /\.txt$/i;

function isMarkdownFile(file: File): boolean {
  return MARKDOWN_FILE.test(file.name) || file.type === 'text/markdown';
}

function isTextFile(file: File): boolean {
  return isMarkdownFile(file) || TEXT_FILE.test(file.name) || file.type === 'text/plain';
}

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
      // Lexical puts the selection where the files were dropped, then hands them over; other files (pictures) are
      // left alone, as before.
      editor.registerCommand(
        DRAG_DROP_PASTE,
        (files) => {
          const texts = files.filter(isTextFile);
          if (texts.length === 0 || !editor.isEditable()) return false;
          void insertFiles(editor, texts);
          return true;
        },
        COMMAND_PRIORITY_LOW,
      ),
    );
  }, [editor]);
  return null;
}

/** Inserts the files' text where they were dropped (else at the end), in order, as one undo step. */
async function insertFiles(editor: LexicalEditor, files: readonly File[]): Promise<void> {
  const contents = await Promise.all(files.map(async (file) => ({ text: await file.text(), isMarkdown: isMarkdownFile(file) })));
  const undo = collabUndoManagerOf(editor);
  undo?.stopCapturing();
  editor.update(
    () => {
      for (const { text, isMarkdown } of contents) {
        const current = $getSelection();
        const dropped = $isRangeSelection(current) ? current : $getRoot().selectEnd();
        if (!$isInCode(dropped) && (isMarkdown || looksLikeMarkdown(text))) $insertMarkdown(editor, text, $emptyLineAt(dropped));
        else {
          const transfer = new DataTransfer();
          transfer.setData('text/plain', text);
          $insertDataTransferForRichText(transfer, dropped, editor);
        }
      }
    },
    { tag: PASTE_TAG, onUpdate: () => undo?.stopCapturing() },
  );
}

