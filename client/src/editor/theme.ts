// Class names Lexical puts on the nodes it renders; styles.css styles them (`.ed-*`). Remote carets use the
// collaboration classes, with the peer's colour in `--lexical-cursor-color`.
import type { EditorThemeClasses } from 'lexical';

export const editorTheme: EditorThemeClasses = {
  paragraph: 'ed-paragraph',
  heading: { h1: 'ed-h1', h2: 'ed-h2', h3: 'ed-h3', h4: 'ed-h4', h5: 'ed-h5', h6: 'ed-h6' },
  quote: 'ed-quote',
  code: 'ed-code-block',
  link: 'ed-link',
  list: {
    ul: 'ed-ul',
    ol: 'ed-ol',
    checklist: 'ed-checklist',
    listitem: 'ed-li',
    listitemChecked: 'ed-li-checked',
    listitemUnchecked: 'ed-li-unchecked',
    nested: { listitem: 'ed-li-nested' },
  },
  text: {
    bold: 'ed-bold',
    italic: 'ed-italic',
    underline: 'ed-underline',
    strikethrough: 'ed-strike',
    underlineStrikethrough: 'ed-underline-strike',
    code: 'ed-code',
  },
  collaboration: {
    cursor: 'ed-remote-caret',
    cursorName: 'ed-remote-name',
    selection: 'ed-remote-selection',
    selectionBg: 'ed-remote-selection-bg',
  },
};
