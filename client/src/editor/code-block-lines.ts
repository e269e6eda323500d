// A code block's lines and a document's paragraphs are the same thing seen two ways: making several selected
// paragraphs a code block gives one block with a line for each (Lexical's $setBlocksType made a box per paragraph),
// and turning a code block back into text gives a paragraph (or heading, or quote) per line, where it gave one
// paragraph holding soft line breaks. Lists are the list commands', once a code block among the blocks has become a
// paragraph per line ($splitCodeBlocksIntoLines), so that each line is an item.
import { $createCodeNode, $isCodeHighlightNode, $isCodeNode, type CodeNode } from '@lexical/code';
import { $isListNode } from '@lexical/list';
import {
  $createLineBreakNode,
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $isElementNode,
  $isLineBreakNode,
  $isRangeSelection,
  type ElementNode,
  type LexicalNode,
  type PointType,
  type RangeSelection,
} from 'lexical';

/**
 * Gives the blocks under the selection the type `createBlock` makes (a code block when `isToCode`), line by line, when code blocks are involved:
 * several blocks made a code block become one, and a code block made anything else becomes a block per line.
 * Returns false, changing nothing, when that does not apply (the caller then sets the blocks' type as usual).
 * Inside editor.update.
 */
export function $setBlocksTypeByLines(createBlock: () => ElementNode, isToCode: boolean): boolean {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return false;
  const blocks = selectedTopLevelBlocks(selection);
  if (blocks === null) return false;
  if (isToCode) {
    if (blocks.length < 2) return false;
    mergeIntoCode(blocks, selection);
    return true;
  }
  if (!blocks.some($isCodeNode)) return false;
  const made: ElementNode[] = [];
  for (const block of blocks) {
    if ($isCodeNode(block)) made.push(...splitIntoBlocks(block, createBlock));
    else {
      const replacement = createBlock();
      replacement.setFormat(block.getFormatType());
      made.push(block.replace(replacement, true));
    }
  }
  // A point on a removed code block (an empty one, say) would leave the selection nowhere: it spans what was made.
  if (!isSelectionAttached(selection)) selectAcross(made[0]!, made.at(-1)!);
  return true;
}

/**
 * Splits each code block under the selection into a paragraph per line and selects from the first block to the last,
 * the whole of each code block included, for a list command to make an item of each line (it made one item of the
 * whole block, holding line breaks). Does nothing when no code block is selected. Inside editor.update.
 */
export function $splitCodeBlocksIntoLines(): void {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return;
  const blocks = selectedTopLevelBlocks(selection);
  if (blocks === null || !blocks.some($isCodeNode)) return;
  const made = blocks.flatMap((block) => ($isCodeNode(block) ? splitIntoBlocks(block, $createParagraphNode) : [block]));
  selectAcross(made[0]!, made.at(-1)!);
}

function isSelectionAttached(selection: RangeSelection): boolean {
  return selection.anchor.getNode().isAttached() && selection.focus.getNode().isAttached();
}

function selectAcross(first: ElementNode, last: ElementNode): void {
  const selection = first.selectStart();
  selection.focus.set(last.getKey(), last.getChildrenSize(), 'element');
}

/** The top-level blocks from the selection's start to its end, or null when a list (or anything not a block of text) is among them. */
function selectedTopLevelBlocks(selection: RangeSelection): ElementNode[] | null {
  const [start, end] = selection.isBackward() ? [selection.focus, selection.anchor] : [selection.anchor, selection.focus];
  const first = start.getNode().getTopLevelElement();
  const endBlock = end.getNode().getTopLevelElement();
  if (first === null || endBlock === null) return null;
  // A selection that runs to the very start of a block (a triple click, Shift+↓ at a line's end) holds none of it.
  const last = !endBlock.is(first) && isAtBlockStart(end, endBlock) ? endBlock.getPreviousSibling() : endBlock;
  const blocks: ElementNode[] = [];
  const topLevel = $getRoot().getChildren();
  const from = topLevel.findIndex((node) => node.is(first));
  const to = last === null ? -1 : topLevel.findIndex((node) => node.is(last));
  if (from < 0 || to < from) return null;
  for (const node of topLevel.slice(from, to + 1)) {
    if (!$isElementNode(node) || $isListNode(node) || node.isInline()) return null;
    blocks.push(node);
  }
  return blocks;
}

function isAtBlockStart(point: PointType, block: ElementNode): boolean {
  if (point.type === 'element') return point.offset === 0 && (point.key === block.getKey() || point.getNode().is(block.getFirstDescendant()));
  return point.offset === 0 && point.getNode().is(block.getFirstDescendant());
}

/** Replaces `blocks` with one code block, a line per block (a code block among them brings its lines as they are). */
function mergeIntoCode(blocks: ElementNode[], selection: RangeSelection): void {
  const code = $createCodeNode();
  code.setFormat(blocks[0]!.getFormatType());
  blocks[0]!.insertBefore(code);
  for (const [index, block] of blocks.entries()) {
    if (index > 0) code.append($createLineBreakNode());
    code.append(...block.getChildren());
    block.remove();
  }
  // The moved text keeps the selection; a point on a removed (empty) block would leave it nowhere.
  if (!isSelectionAttached(selection)) code.select(0, code.getChildrenSize());
}

/** Replaces `code` with a block of `createBlock`'s type for each of its lines, an empty line giving an empty block. */
function splitIntoBlocks(code: CodeNode, createBlock: () => ElementNode): ElementNode[] {
  let line = createBlock();
  const lines = [line];
  for (const child of code.getChildren()) {
    if ($isLineBreakNode(child)) {
      child.remove();
      line = createBlock();
      lines.push(line);
    } else line.append(asPlainText(child));
  }
  for (const block of lines) {
    block.setFormat(code.getFormatType());
    code.insertBefore(block);
  }
  code.remove();
  return lines;
}

/** A highlighted token outside code is plain text. */
function asPlainText(node: LexicalNode): LexicalNode {
  if (!$isCodeHighlightNode(node)) return node;
  const text = $createTextNode(node.getTextContent());
  node.replace(text);
  return text;
}
