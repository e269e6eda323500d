// Tab and Shift+Tab indent and outdent, as in Google Docs: anywhere in a list item they nest it one level deeper or
// bring it back (ListPlugin turns an item's indent into a nested list); at the start of a paragraph or heading, or
// over a selection of several, they indent the blocks; elsewhere Tab types a tab (Shift+Tab only ever outdents: in a
// code block it removes one leading tab from each selected line, as code editors do).
// Ctrl+] and Ctrl+[ (⌘ on a Mac) indent and outdent wherever the caret is. Without this, Tab moved the focus out of
// the editor, and what was typed next went nowhere. Keyboard users still get out: Escape, then Tab or Shift+Tab,
// moves the focus on as usual (the convention of code editors that keep Tab).
import { $isCodeNode } from '@lexical/code';
import { $isListItemNode } from '@lexical/list';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { TabIndentationPlugin } from '@lexical/react/LexicalTabIndentationPlugin';
import { $findMatchingParent, mergeRegister } from '@lexical/utils';
import {
  $getSelection,
  $isLineBreakNode,
  $isRangeSelection,
  $isTabNode,
  COMMAND_PRIORITY_CRITICAL,
  COMMAND_PRIORITY_LOW,
  COMMAND_PRIORITY_NORMAL,
  FOCUS_COMMAND,
  INDENT_CONTENT_COMMAND,
  KEY_DOWN_COMMAND,
  type LexicalNode,
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

/**
 * Shift+Tab in a code block: each line the selection touches loses one leading tab. True when the caret is in a code
 * block (handled, tab or not), false elsewhere.
 */
function $outdentCodeLines(): boolean {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return false;
  const code = $findMatchingParent(selection.anchor.getNode(), $isCodeNode);
  if (code === null) return false;
  const lineStarts = new Map<string, LexicalNode>();
  for (const node of [selection.anchor.getNode(), ...selection.getNodes(), selection.focus.getNode()]) {
    if (node === code || node.getParent() !== code) continue;
    const start = $lineStartOf(node);
    if (start) lineStarts.set(start.getKey(), start);
  }
  // A caret between the code block's children (an empty line, the block's very start) points into the block itself.
  for (const point of [selection.anchor, selection.focus]) {
    if (point.type !== 'element' || point.getNode() !== code) continue;
    const after = code.getChildAtIndex(point.offset);
    const before = point.offset > 0 ? code.getChildAtIndex(point.offset - 1) : null;
    const start = before && !$isLineBreakNode(before) ? $lineStartOf(before) : after && !$isLineBreakNode(after) ? after : null;
    if (start) lineStarts.set(start.getKey(), start);
  }
  for (const start of lineStarts.values()) if ($isTabNode(start)) start.remove();
  return true;
}

/** The first node of the code line holding `node` (a child of a code block); null for a line break's empty line. */
function $lineStartOf(node: LexicalNode): LexicalNode | null {
  if ($isLineBreakNode(node)) return null;
  let start = node;
  for (let previous = start.getPreviousSibling(); previous && !$isLineBreakNode(previous); previous = previous.getPreviousSibling()) {
    start = previous;
  }
  return start;
}

export function IndentPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    /** Escape was the last key: the next Tab leaves the editor. */
    let isLeaving = false;
    return mergeRegister(
      // Escape only opens the way out and keeps the focus: the Tab after it moves on from the text as from any field.
      // Lexical's own Escape blurred the editor, and the selection it then put back at times brought the focus back
      // too (a clean-clone CI run: the text still focused after Escape, so Shift+Tab outdented instead of leaving).
      editor.registerCommand(
        KEY_ESCAPE_COMMAND,
        () => {
          isLeaving = true;
          return true;
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
      // The way out is for the Tab right after Escape, while the focus is still here: once it has gone (Escape in a
      // popup that gave the focus back elsewhere, a click) and come back (a toolbar button returns it), Tab indents
      // again. Without this, Tab after a toolbar button pressed from the keyboard sent the focus to the page's body,
      // and what was typed next went nowhere.
      editor.registerCommand(
        FOCUS_COMMAND,
        () => {
          isLeaving = false;
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
          if (!event.shiftKey) return editor.dispatchCommand(INDENT_CONTENT_COMMAND, undefined);
          if (!$outdentCodeLines()) editor.dispatchCommand(OUTDENT_CONTENT_COMMAND, undefined);
          // Handled either way: with nothing to outdent, Shift+Tab does nothing (TabIndentationPlugin would type a tab).
          return true;
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
