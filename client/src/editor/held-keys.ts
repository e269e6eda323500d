// Types in what hold-keys.ts kept while the editor took no keys, where typing goes on.
import { $getSelection, $isRangeSelection } from 'lexical';

/** Types `text` (from HeldKeys) at the selection: lines as paragraphs. */
export function $typeHeldKeys(text: string): void {
  const selection = $getSelection();
  if (text === '' || !$isRangeSelection(selection)) return;
  text.split('\n').forEach((line, index) => {
    if (index > 0) selection.insertParagraph();
    if (line !== '') selection.insertText(line);
  });
}
