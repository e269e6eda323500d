// Pasted plain text that reads as Markdown goes in converted (see pasted-markdown.ts), as one paste: one undo step,
// tagged as a paste. So does a copy from a Markdown file in VS Code, whose HTML only colours the text, and lines of
// code copied there become a code block in their language (see pasted-from-vscode.ts). Ctrl+Shift+V (⇧⌘V), paste
// without formatting, keeps the text as typed, and so does a paste into a code block. A Markdown or text file dropped
// on the document goes in where it is dropped, the same way; other files (pictures, PDFs) cannot go in, and the page
// says so through `onFilesNotAdded` (see files-not-added.ts): before, nothing happened either way.
import { $insertDataTransferForRichText, $insertGeneratedNodes } from '@lexical/clipboard';
import { $createCodeNode } from '@lexical/code';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { DRAG_DROP_PASTE } from '@lexical/rich-text';
import { mergeRegister } from '@lexical/utils';
import {
  $createTextNode,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  COMMAND_PRIORITY_HIGH,
  COMMAND_PRIORITY_LOW,
  PASTE_COMMAND,
  PASTE_TAG,
  type LexicalEditor,
  type RangeSelection,
} from 'lexical';
import { useEffect, useRef } from 'react';
import { collabUndoManagerOf } from './collab-undo-manager';
import { filesNotAddedNotice, type FilesNotAddedNotice } from './files-not-added';
import { $emptyLineAt, $insertMarkdown, $isInCode, looksLikeMarkdown } from './pasted-markdown';
import { pastedFromVscode } from './pasted-from-vscode';

/** Files read as Markdown whatever they hold. */
const MARKDOWN_FILE = /\.(md|markdown|mdown|mkd)$/i;
/** Files read as text, converted when they read as Markdown (as a paste of their text would be). */
const TEXT_FILE = /\.txt$/i;
/** The clipboard entry in which VS Code names the language of what was copied. */
const VSCODE_EDITOR_DATA = 'vscode-editor-data';

/** How a paste this plugin takes goes in: converted from Markdown, as the text it is, or as a code block. */
type Paste = { readonly kind: 'markdown' } | { readonly kind: 'text' } | { readonly kind: 'code'; readonly language: string | null; readonly code: string };

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

export interface MarkdownPastePluginProps {
  /** Files dropped or pasted on the document that cannot go in it (pictures, PDFs, …): the page tells the person. */
  readonly onFilesNotAdded: (notice: FilesNotAddedNotice) => void;
}

export function MarkdownPastePlugin({ onFilesNotAdded }: MarkdownPastePluginProps) {
  const [editor] = useLexicalComposerContext();
  // Read when files come, so a new callback from the page does not register the commands again.
  const onFilesNotAddedRef = useRef(onFilesNotAdded);
  onFilesNotAddedRef.current = onFilesNotAdded;
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
          // Commands run inside an editor update: the selection is the one the paste goes to.
          const selection = $getSelection();
          if (clipboard === null || !$isRangeSelection(selection)) return false;
          const text = clipboard.getData('text/plain');
          const paste = $pasteFor(clipboard, text, selection, isPlainPaste);
          if (paste === null) return false;
          event.preventDefault();
          editor.update(
            () => {
              const current = $getSelection();
              if ($isRangeSelection(current)) $insertPaste(editor, paste, text, current);
            },
            { tag: PASTE_TAG },
          );
          return true;
        },
        COMMAND_PRIORITY_HIGH,
      ),
      // Lexical puts the selection where the files were dropped, then hands them over (pasted files too, such as a
      // screenshot: a paste of files and no text).
      editor.registerCommand(
        DRAG_DROP_PASTE,
        (files) => {
          if (!editor.isEditable()) return false;
          const texts = files.filter(isTextFile);
          const notice = filesNotAddedNotice(files.filter((file) => !isTextFile(file)));
          if (texts.length > 0) void insertFiles(editor, texts);
          if (notice !== null) onFilesNotAddedRef.current(notice);
          return texts.length > 0 || notice !== null;
        },
        COMMAND_PRIORITY_LOW,
      ),
    );
  }, [editor]);
  return null;
}

/**
 * How this plugin inserts what `clipboard` holds at `selection`; null to leave the paste to the others. Copied from a
 * page or from Tandem itself, it is formatted already, and taken the usual way (html-paste-plugin.tsx). Copied from
 * VS Code, only the text counts: the HTML only colours it, and imported, it made a code block of any file.
 */
function $pasteFor(clipboard: DataTransfer, text: string, selection: RangeSelection, isPlainPaste: boolean): Paste | null {
  const fromVscode = pastedFromVscode(clipboard.getData(VSCODE_EDITOR_DATA), text);
  if (fromVscode === null) {
    const isFormatted = clipboard.getData('text/html') !== '' || clipboard.getData('application/x-lexical-editor') !== '';
    return isPlainPaste || isFormatted || !looksLikeMarkdown(text) || $isInCode(selection) ? null : { kind: 'markdown' };
  }
  if (isPlainPaste || $isInCode(selection) || fromVscode.kind === 'code-line') return { kind: 'text' };
  if (fromVscode.kind === 'code-block') return { kind: 'code', language: fromVscode.language, code: fromVscode.code };
  // From a Markdown file, lines are Markdown, and so is one line put on a line of its own (`# Title`); one line of no
  // inline Markdown put into a sentence stays as it is, as it would from a plain-text clipboard.
  const isMarkdown = looksLikeMarkdown(text) || (fromVscode.kind === 'markdown' && (text.trim().includes('\n') || $isOnEmptyLine(selection)));
  return isMarkdown ? { kind: 'markdown' } : { kind: 'text' };
}

function $insertPaste(editor: LexicalEditor, paste: Paste, text: string, selection: RangeSelection): void {
  if (paste.kind === 'markdown') $insertMarkdown(editor, text, selection);
  else if (paste.kind === 'code') $insertGeneratedNodes(editor, [$createCodeNode(paste.language).append($createTextNode(paste.code))], selection);
  else $insertText(editor, text, selection);
}

/** Inserts `text` as the plain-text paste does: a paragraph a line, or a line of the code block it goes into. */
function $insertText(editor: LexicalEditor, text: string, selection: RangeSelection): void {
  const transfer = new DataTransfer();
  transfer.setData('text/plain', text);
  $insertDataTransferForRichText(transfer, selection, editor);
}

/** Whether `selection` is a caret on a line with nothing on it yet. */
function $isOnEmptyLine(selection: RangeSelection): boolean {
  return selection.isCollapsed() && selection.anchor.getNode().getTopLevelElement()?.getTextContent() === '';
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
        else $insertText(editor, text, dropped);
      }
    },
    { tag: PASTE_TAG, onUpdate: () => undo?.stopCapturing() },
  );
}
