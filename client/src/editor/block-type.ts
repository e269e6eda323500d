// Switches the blocks under the selection to a type, or back to a paragraph when they already have it, the way
// toolbar buttons toggle. Lists go through @lexical/list's commands, which keep list items well formed. Leaving a
// list changes only the selected items, as in other editors: each one replaced splits its list around it
// (list-item-to-block.ts for the item with the caret, ListItemNode.replace for several), where REMOVE_LIST_COMMAND
// would unmake the whole list, others' items included. Code blocks go by lines (code-block-lines.ts), into lists too.
import { $createCodeNode } from '@lexical/code';
import { INSERT_CHECK_LIST_COMMAND, INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND } from '@lexical/list';
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import { $createParagraphNode, $getSelection, type ElementNode, type LexicalEditor } from 'lexical';
import { $setBlocksTypeByLines, $splitCodeBlocksIntoLines } from './code-block-lines';
import { $keepListNumbers, $replaceListItem, $selectedTopLevelListItem } from './list-item-to-block';
import type { BlockType } from './toolbar-state';

export type SettableBlockType = Exclude<BlockType, 'other'>;

const listCommands = {
  bullet: INSERT_UNORDERED_LIST_COMMAND,
  number: INSERT_ORDERED_LIST_COMMAND,
  check: INSERT_CHECK_LIST_COMMAND,
} as const;

const blockCreators: Record<Exclude<SettableBlockType, keyof typeof listCommands>, () => ElementNode> = {
  paragraph: () => $createParagraphNode(),
  h1: () => $createHeadingNode('h1'),
  h2: () => $createHeadingNode('h2'),
  h3: () => $createHeadingNode('h3'),
  quote: () => $createQuoteNode(),
  codeblock: () => $createCodeNode(),
};

export function toggleBlockType(editor: LexicalEditor, target: SettableBlockType, current: BlockType): void {
  const next: SettableBlockType = current === target ? 'paragraph' : target;
  if (next === 'bullet' || next === 'number' || next === 'check') {
    editor.update(() => {
      $splitCodeBlocksIntoLines();
      editor.dispatchCommand(listCommands[next], undefined);
    });
    return;
  }
  editor.update(() =>
    $keepListNumbers(() => {
      const item = $selectedTopLevelListItem();
      if (item !== null) $replaceListItem(item, blockCreators[next]());
      else if (!$setBlocksTypeByLines(blockCreators[next], next === 'codeblock')) $setBlocksType($getSelection(), blockCreators[next]);
    }),
  );
}
