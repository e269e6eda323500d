// Every keyboard shortcut and typing shortcut of the editor, grouped as the shortcuts dialog lists them. The keys of
// block types, alignment and strikethrough come from block-shortcuts.ts, which also handles them, so the list cannot drift.
import { shortcutLabelOf } from './block-shortcuts';

export interface ShortcutEntry {
  readonly what: string;
  /** Alternative key combinations, each as the keyboard spells it ("Ctrl+B", "⌘B"). */
  readonly keys: readonly string[];
}

export interface ShortcutGroup {
  readonly title: string;
  /** How the group's keys are used, when it is not pressing them together. */
  readonly note?: string;
  readonly entries: readonly ShortcutEntry[];
}

/** The keys of the commands that are not block types, as the toolbar's tooltips and the dialog spell them. */
export function commandKeys(isApple: boolean) {
  const mod = (key: string) => (isApple ? `⌘${key}` : `Ctrl+${key}`);
  return {
    undo: mod('Z'),
    redo: isApple ? '⇧⌘Z' : 'Ctrl+Shift+Z',
    bold: mod('B'),
    italic: mod('I'),
    underline: mod('U'),
    link: mod('K'),
    indent: mod(']'),
    outdent: mod('['),
    shortcuts: mod('/'),
    find: isApple ? '⇧⌘H' : 'Ctrl+H',
    pastePlain: isApple ? '⇧⌘V' : 'Ctrl+Shift+V',
  } as const;
}

export function shortcutGroups(isApple: boolean): ShortcutGroup[] {
  const keys = commandKeys(isApple);
  const block = (action: string) => [shortcutLabelOf(action, isApple)!];
  return [
    {
      title: 'Text',
      entries: [
        { what: 'Bold', keys: [keys.bold] },
        { what: 'Italic', keys: [keys.italic] },
        { what: 'Underline', keys: [keys.underline] },
        { what: 'Strikethrough', keys: block('strikethrough') },
        { what: 'Insert or edit a link', keys: [keys.link] },
      ],
    },
    {
      title: 'Paragraphs',
      entries: [
        { what: 'Normal text', keys: block('paragraph') },
        { what: 'Heading 1', keys: block('h1') },
        { what: 'Heading 2', keys: block('h2') },
        { what: 'Heading 3', keys: block('h3') },
        { what: 'Numbered list', keys: block('number') },
        { what: 'Bulleted list', keys: block('bullet') },
        { what: 'Checklist', keys: block('check') },
        { what: 'Align left', keys: block('align-left') },
        { what: 'Align centre', keys: block('align-center') },
        { what: 'Align right', keys: block('align-right') },
        { what: 'Justify', keys: block('align-justify') },
        { what: 'Indent, nest a list item', keys: ['Tab', keys.indent] },
        { what: 'Outdent', keys: ['Shift+Tab', keys.outdent] },
        { what: 'Out of a code block or quote that ends the document', keys: ['↓'] },
      ],
    },
    {
      title: 'Editing',
      entries: [
        { what: 'Undo your last change', keys: [keys.undo] },
        { what: 'Redo', keys: isApple ? [keys.redo] : [keys.redo, 'Ctrl+Y'] },
        { what: 'Find and replace', keys: [keys.find] },
        { what: 'Paste without formatting (Markdown stays as typed)', keys: [keys.pastePlain] },
        { what: 'Leave the document (then Tab on)', keys: ['Esc'] },
        { what: 'This list of shortcuts', keys: [keys.shortcuts] },
      ],
    },
    {
      title: 'While typing',
      note: 'At the start of a line, followed by a space; around words for the inline formats.',
      entries: [
        { what: 'Heading 1, 2, 3', keys: ['#', '##', '###'] },
        { what: 'Bulleted list', keys: ['-', '*'] },
        { what: 'Numbered list', keys: ['1.'] },
        { what: 'Checklist', keys: ['[ ]'] },
        { what: 'Quote', keys: ['>'] },
        { what: 'Code block (```js names its language)', keys: ['```'] },
        { what: 'Bold, italic', keys: ['**bold**', '*italic*'] },
        { what: 'Inline code, strikethrough', keys: ['`code`', '~~struck~~'] },
      ],
    },
  ];
}

/** Ctrl+/ (⌘/ on Apple devices): opens the list. */
export function isShortcutsKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>, isApple: boolean): boolean {
  const primary = isApple ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
  return primary && !event.altKey && event.key === '/';
}

/** Ctrl+H (⇧⌘H on Apple devices, where ⌘H hides the window): find and replace. */
export function isFindKey(event: Pick<KeyboardEvent, 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>, isApple: boolean): boolean {
  if (event.code !== 'KeyH' || event.altKey) return false;
  return isApple ? event.metaKey && !event.ctrlKey && event.shiftKey : event.ctrlKey && !event.metaKey && !event.shiftKey;
}
