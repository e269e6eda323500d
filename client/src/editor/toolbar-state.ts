// What the toolbar shows as active for the current selection: inline formats, the block type, its alignment, and
// whether the caret is in a link. Read inside editor.read / an update listener.
import { $isCodeNode } from '@lexical/code';
import { $isLinkNode } from '@lexical/link';
import { $isListNode, ListNode } from '@lexical/list';
import { $isHeadingNode, $isQuoteNode } from '@lexical/rich-text';
import { $findMatchingParent, $getNearestNodeOfType } from '@lexical/utils';
import { $getSelection, $isElementNode, $isRangeSelection, $isRootOrShadowRoot, type ElementNode, type LexicalNode } from 'lexical';
import { $alignmentOf, type Alignment } from './alignment';

export type BlockType = 'paragraph' | 'h1' | 'h2' | 'h3' | 'quote' | 'bullet' | 'number' | 'check' | 'codeblock' | 'other';

export interface ToolbarState {
  readonly bold: boolean;
  readonly italic: boolean;
  readonly underline: boolean;
  readonly strikethrough: boolean;
  readonly code: boolean;
  readonly highlight: boolean;
  readonly blockType: BlockType;
  readonly alignment: Alignment;
  readonly isLink: boolean;
  /** The href of the link around the caret, for editing it. */
  readonly linkUrl: string | null;
  /** The link's node key when the caret sits in a link with nothing selected (the link bubble shows), else null. */
  readonly caretLinkKey: string | null;
}

export const emptyToolbarState: ToolbarState = {
  bold: false,
  italic: false,
  underline: false,
  strikethrough: false,
  code: false,
  highlight: false,
  blockType: 'paragraph',
  alignment: 'left',
  isLink: false,
  linkUrl: null,
  caretLinkKey: null,
};

/** Whether two readings show the same toolbar: typing a letter changes nothing the toolbar shows. */
export function isSameToolbarState(a: ToolbarState, b: ToolbarState): boolean {
  for (const field of Object.keys(a) as Array<keyof ToolbarState>) {
    if (a[field] !== b[field]) return false;
  }
  return true;
}

export function $readToolbarState(): ToolbarState {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return emptyToolbarState;
  const anchorNode = selection.anchor.getNode();
  const link = $findMatchingParent(anchorNode, $isLinkNode) ?? $findMatchingParent(selection.focus.getNode(), $isLinkNode);
  return {
    bold: selection.hasFormat('bold'),
    italic: selection.hasFormat('italic'),
    underline: selection.hasFormat('underline'),
    strikethrough: selection.hasFormat('strikethrough'),
    code: selection.hasFormat('code'),
    highlight: selection.hasFormat('highlight'),
    blockType: $blockTypeOf(anchorNode),
    alignment: $alignmentOf(anchorNode),
    isLink: link !== null,
    linkUrl: link === null ? null : link.getURL(),
    caretLinkKey: link !== null && selection.isCollapsed() ? link.getKey() : null,
  };
}

function $blockTypeOf(node: LexicalNode): BlockType {
  const block = $topLevelBlockOf(node);
  if (block === null) return 'paragraph';
  if ($isListNode(block)) {
    // A nested list may differ from the outer one; the innermost list around the caret is what the user sees.
    const list = $getNearestNodeOfType(node, ListNode) ?? block;
    const listType = list.getListType();
    return listType === 'bullet' ? 'bullet' : listType === 'number' ? 'number' : 'check';
  }
  if ($isHeadingNode(block)) {
    const tag = block.getTag();
    return tag === 'h1' || tag === 'h2' || tag === 'h3' ? tag : 'other';
  }
  if ($isQuoteNode(block)) return 'quote';
  if ($isCodeNode(block)) return 'codeblock';
  return block.getType() === 'paragraph' ? 'paragraph' : 'other';
}

function $topLevelBlockOf(node: LexicalNode): ElementNode | null {
  if ($isRootOrShadowRoot(node)) return null;
  const block = $findMatchingParent(node, (candidate) => {
    const parent = candidate.getParent();
    return parent !== null && $isRootOrShadowRoot(parent);
  });
  return $isElementNode(block) ? block : null;
}
