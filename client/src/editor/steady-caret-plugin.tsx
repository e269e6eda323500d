// Your caret stays by the same letters when someone else only restyles or restructures the text around it: bold,
// a link, a heading, a list, Enter or Backspace between paragraphs. @lexical/yjs writes such a change as the text
// of the split node deleted and inserted again, and puts this user's caret back from its Yjs position, which then
// points at deleted letters: Bob's caret at the end of a paragraph jumped to where Ann's bold began, and his next
// letters landed inside her word. When a remote change leaves every letter as it was, this puts the caret back
// after the same number of letters (or before, at the start of a block). Remote typing is left to the binding,
// whose positions follow letters typed at the caret correctly (caret-anchor.ts).
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $getNodeByKey,
  $getRoot,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  $isTextNode,
  COLLABORATION_TAG,
  SKIP_SCROLL_INTO_VIEW_TAG,
  type EditorState,
  type LexicalNode,
  type NodeKey,
  type TextNode,
} from 'lexical';
import { useEffect } from 'react';

/** A collapsed caret as a count of the letters before it; at a block's start it sits before the next letter. */
interface LetterCaret {
  readonly letters: number;
  readonly atBlockStart: boolean;
}

/** The text nodes of `from` (the whole document by default), in order; `from` itself when it is one. */
function $textNodes(from: LexicalNode | null = $getRoot()): TextNode[] {
  const nodes: TextNode[] = [];
  const visit = (node: LexicalNode | null) => {
    if ($isTextNode(node)) nodes.push(node);
    else if ($isElementNode(node)) for (const child of node.getChildren()) visit(child);
  };
  visit(from);
  return nodes;
}

/** The caret as letters before it, or null when there is no collapsed caret in a text node. */
function $letterCaret(): LetterCaret | null {
  const selection = $getSelection();
  if (!$isRangeSelection(selection) || !selection.isCollapsed() || selection.anchor.type !== 'text') return null;
  const { key, offset } = selection.anchor;
  let letters = 0;
  for (const node of $textNodes()) {
    if (node.getKey() === key) {
      const atBlockStart = offset === 0 && node.getPreviousSibling() === null;
      return { letters: letters + offset, atBlockStart };
    }
    letters += node.getTextContentSize();
  }
  return null;
}

/** Puts the caret after `letters` letters (before the next one when `atBlockStart`); false when there are fewer. */
function $placeCaret({ letters, atBlockStart }: LetterCaret): boolean {
  let before = 0;
  for (const node of $textNodes()) {
    const size = node.getTextContentSize();
    const fits = atBlockStart ? letters < before + size : letters <= before + size;
    if (fits && (size > 0 || !atBlockStart)) {
      node.select(letters - before, letters - before);
      return true;
    }
    before += size;
  }
  return false;
}

/** Whether `key` names a node in the document (not a removed one) in `state`. */
function isAttachedIn(state: EditorState, key: NodeKey): boolean {
  return state.read(() => $getNodeByKey(key)?.isAttached() ?? false);
}

/**
 * The letters a change took out (read in the state before it) or put in (after it), in document order: those of
 * the text nodes it touched, and of every block it removed or made whole (a paragraph turned into a list item is
 * a new block around new text nodes). Equal before and after: the change moved or restyled letters, made none.
 */
function lettersOf(state: EditorState, other: EditorState, dirtyLeaves: ReadonlySet<NodeKey>, dirtyElements: ReadonlyMap<NodeKey, boolean>): string {
  const wholeBlocks = [...dirtyElements.keys()].filter((key) => isAttachedIn(state, key) && !isAttachedIn(other, key));
  return state.read(() => {
    const nodes = new Map<NodeKey, TextNode>();
    for (const key of [...dirtyLeaves, ...wholeBlocks]) {
      for (const node of $textNodes($getNodeByKey(key))) if (node.isAttached()) nodes.set(node.getKey(), node);
    }
    const ordered = [...nodes.values()].sort((a, b) => (a.isBefore(b) ? -1 : 1));
    return ordered.map((node) => node.getTextContent()).join('');
  });
}

export function SteadyCaretPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerUpdateListener(({ editorState, prevEditorState, tags, dirtyLeaves, dirtyElements }) => {
        // Only a collaborator's change, as the binding applied it; not this user's typing, nor their undo.
        if (!tags.has(COLLABORATION_TAG) || (dirtyLeaves.size === 0 && dirtyElements.size === 0)) return;
        // Typing in the page, not in a panel: moving the caret must not take the focus.
        const root = editor.getRootElement();
        if (root === null || !root.contains(root.ownerDocument.activeElement)) return;
        // Only a change that made and removed no letters; checked on the few nodes it touched, before any walk.
        const taken = lettersOf(prevEditorState, editorState, dirtyLeaves, dirtyElements);
        if (taken !== lettersOf(editorState, prevEditorState, dirtyLeaves, dirtyElements)) return;
        const before = prevEditorState.read($letterCaret);
        if (before === null) return;
        const after = editorState.read($letterCaret);
        if (after !== null && after.letters === before.letters && after.atBlockStart === before.atBlockStart) return;
        // A local selection change, so the binding publishes the caret's new place to the others (and restores it
        // from there after the next remote change); without scrolling the page to it.
        editor.update(
          () => {
            $placeCaret(before);
          },
          { tag: SKIP_SCROLL_INTO_VIEW_TAG },
        );
      }),
    [editor],
  );
  return null;
}
