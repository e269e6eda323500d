// What the link form opens with, read from the editor when the link button or Ctrl/Cmd+K is pressed: the link at the
// selection, the selection itself (the form's own input takes the browser's), the text on screen, and what the text
// field holds.
import { $getSelection, $isRangeSelection, type BaseSelection, type LexicalEditor } from 'lexical';
import { $readToolbarState } from './toolbar-state';

export interface LinkDraft {
  /** Tells one opening of the form from the next. */
  readonly id: number;
  readonly url: string | null;
  readonly selection: BaseSelection | null;
  /** The selected text on screen when the form opened (the form opens under it), or null. */
  readonly target: Range | null;
  /** What the text field starts with; null: no text field (see $linkTextField). */
  readonly text: string | null;
}

export function readLinkDraft(editor: LexicalEditor, id: number): LinkDraft {
  const target = selectedRangeIn(editor.getRootElement());
  return editor.getEditorState().read((): LinkDraft => {
    const url = $readToolbarState().linkUrl;
    const selection = $getSelection();
    return { id, url, selection: selection?.clone() ?? null, target, text: $linkTextField(selection, url) };
  });
}

/**
 * Nothing, at a caret outside a link (the form inserts a new link there); the selected text, when it lies in one
 * paragraph (the form can put a new text in its place); else null: the caret in a link (the form edits its address),
 * or a selection over several paragraphs, which one line of text could not stand for.
 */
function $linkTextField(selection: BaseSelection | null, url: string | null): string | null {
  if (!$isRangeSelection(selection)) return null;
  if (selection.isCollapsed()) return url === null ? '' : null;
  const text = selection.getTextContent();
  return text === '' || text.includes('\n') ? null : text;
}

/** The browser's selection inside the editor, as a range, or null when it is elsewhere. */
function selectedRangeIn(root: HTMLElement | null): Range | null {
  const selection = window.getSelection();
  if (root === null || selection === null || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  return root.contains(range.commonAncestorContainer) ? range.cloneRange() : null;
}
