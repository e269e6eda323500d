// Tab and Shift+Tab indent and outdent, as in Google Docs: anywhere in a list item they nest it one level deeper or
// bring it back (ListPlugin turns an item's indent into a nested list); at the start of a paragraph or heading, or
// over a selection of several, they indent the blocks; elsewhere Tab types a tab (Shift+Tab only ever outdents).
// Ctrl+] and Ctrl+[ (⌘ on a Mac) indent and outdent wherever the caret is. Without this, Tab moved the focus out of
// the editor, and what was typed next went nowhere. Keyboard users still get out: Escape, then Tab or Shift+Tab,
// moves the focus on as usual (the convention of code editors that keep Tab).
import { $isListItemNode } from '@lexical/list';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { TabIndentationPlugin } from '@lexical/react/LexicalTabIndentationPlugin';
import { $findMatchingParent, mergeRegister } from '@lexical/utils';
import {
  $getSelection,
  $isRangeSelection,
  COMMAND_PRIORITY_CRITICAL,
  COMMAND_PRIORITY_LOW,
  COMMAND_PRIORITY_NORMAL,
  INDENT_CONTENT_COMMAND,
  KEY_DOWN_COMMAND,
  KEY_ESCAPE_COMMAND,
  KEY_TAB_COMMAND,
  OUTDENT_CONTENT_COMMAND,
} from 'lexical';
import { useEffect } from 'react';
import { isApple } from './platform';

/** Keys between Escape and Tab that keep the way out open: Tab itself, and the modifiers of Shift+Tab. */
const KEYS_KEEPING_THE_WAY_OUT = new Set(['Escape', 'Tab', 'Shift', 'Control', 'Alt', 'Meta']);

/** Deeper than this, a nested list stops reading as a list. */
const MAX_INDENT = 6;

function $isCaretInListItem(): boolean {
  const selection = $getSelection();
  return $isRangeSelection(selection) && $findMatchingParent(selection.anchor.getNode(), $isListItemNode) !== null;
}

export function IndentPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    /** Escape was the last key: the next Tab leaves the editor. */
    let isLeaving = false;
    return mergeRegister(
      editor.registerCommand(
        KEY_ESCAPE_COMMAND,
        () => {
          isLeaving = true;
          return false;
        },
        COMMAND_PRIORITY_CRITICAL,
      ),
      editor.registerCommand(
        KEY_DOWN_COMMAND,
        (event) => {
          if (!KEYS_KEEPING_THE_WAY_OUT.has(event.key)) isLeaving = false;
          return false;
        },
        COMMAND_PRIORITY_CRITICAL,
      ),
      editor.registerCommand(
        KEY_TAB_COMMAND,
        () => {
          // Handled without preventDefault: the browser moves the focus, and no indent handler runs.
          if (!isLeaving) return false;
          isLeaving = false;
          return true;
        },
        COMMAND_PRIORITY_CRITICAL,
      ),
      editor.registerCommand(
        KEY_TAB_COMMAND,
        (event) => {
          // Shift+Tab only ever outdents (TabIndentationPlugin would type a tab mid-paragraph); Tab in a list item
          // nests it wherever the caret is; anything else is TabIndentationPlugin's.
          if (!event.shiftKey && !$isCaretInListItem()) return false;
          event.preventDefault();
          return editor.dispatchCommand(event.shiftKey ? OUTDENT_CONTENT_COMMAND : INDENT_CONTENT_COMMAND, undefined);
        },
        COMMAND_PRIORITY_LOW,
      ),
      editor.registerCommand(
        KEY_DOWN_COMMAND,
        (event) => {
          const primary = isApple ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
          if (!primary || event.altKey || event.shiftKey || (event.code !== 'BracketRight' && event.code !== 'BracketLeft')) return false;
          event.preventDefault();
          return editor.dispatchCommand(event.code === 'BracketRight' ? INDENT_CONTENT_COMMAND : OUTDENT_CONTENT_COMMAND, undefined);
        },
        COMMAND_PRIORITY_NORMAL,
      ),
    );
  }, [editor]);
  return <TabIndentationPlugin maxIndent={MAX_INDENT} />;
}
