// Lexical JSON (or an editor holding a document) → plain text: blocks separated by a blank line, line breaks inside a
// block kept. Lists keep what plain text can say of them: one line per item, "- " or "1. " (or "[ ] " / "[x] " for a
// checklist) in front, four spaces per level of nesting; an indented block keeps its indent the same way.
import { $isListItemNode, $isListNode, type ListItemNode, type ListNode } from '@lexical/list';
import { $getRoot, $isElementNode, type LexicalNode } from 'lexical';
import { conversionEditorFor, type DocumentContent } from './conversion-editor';

const INDENT = '    ';

/** Throws `ConversionError` when `content` is JSON that is not a Tandem editor state. */
export function editorStateToText(content: DocumentContent): string {
  return conversionEditorFor(content).read(() => $getRoot().getChildren().map($blockText).join('\n\n'));
}

function $blockText(block: LexicalNode): string {
  if ($isListNode(block)) return $listLines(block, 0).join('\n');
  const depth = $isElementNode(block) ? block.getIndent() : 0;
  return indentLines(block.getTextContent(), INDENT.repeat(depth));
}

/** One line (or more, for items with line breaks) per item; a nested list is an item holding only that list. */
function $listLines(list: ListNode, depth: number): string[] {
  const lines: string[] = [];
  let number = list.getStart();
  for (const item of list.getChildren()) {
    if (!$isListItemNode(item)) continue;
    const nested = $nestedListOf(item);
    if (nested) {
      lines.push(...$listLines(nested, depth + 1));
      continue;
    }
    const marker = list.getListType() === 'number' ? `${number}. ` : list.getListType() === 'check' ? (item.getChecked() ? '[x] ' : '[ ] ') : '- ';
    number++;
    const indent = INDENT.repeat(depth);
    const [first = '', ...rest] = item.getTextContent().split('\n');
    lines.push(indent + marker + first, ...rest.map((line) => indent + ' '.repeat(marker.length) + line));
  }
  return lines;
}

function $nestedListOf(item: ListItemNode): ListNode | null {
  const children = item.getChildren();
  return children.length === 1 && $isListNode(children[0]) ? children[0] : null;
}

function indentLines(text: string, indent: string): string {
  return indent === '' ? text : text.split('\n').map((line) => indent + line).join('\n');
}
