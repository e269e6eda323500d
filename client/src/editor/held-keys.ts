// Keeps the letters someone types while the editor holds typing (a replacement puts new content in place): the
// element takes no keys then, and the browser sent them nowhere, so a word typed across a restore lost a letter or
// two even when the hold lasted a tenth of a second. What is kept is typed in, in order, where typing goes on.
import { $getSelection, $isRangeSelection } from 'lexical';

export interface HeldKeys {
  /** Stops keeping keys and gives what was typed: text, with '\n' for Enter. */
  release(): string;
}

/**
 * Keeps the text typed from now on while no other field has the focus (the held editor lost it to the page when it
 * stopped taking keys; a field the person moved to keeps its own keys): letters, Enter, and Backspace taking back
 * the last kept letter. Shortcuts and keys with Ctrl, Alt or ⌘ are left alone.
 */
export function holdKeys(root: HTMLElement): HeldKeys {
  let text = '';
  const onKeyDown = (event: KeyboardEvent): void => {
    const active = document.activeElement;
    if (active !== null && active !== document.body && !root.contains(active)) return;
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    if (event.key.length === 1) text += event.key;
    else if (event.key === 'Enter') text += '\n';
    else if (event.key === 'Backspace' && text.length > 0) text = text.slice(0, -1);
    else return;
    event.preventDefault();
  };
  window.addEventListener('keydown', onKeyDown, true);
  return {
    release() {
      window.removeEventListener('keydown', onKeyDown, true);
      const kept = text;
      text = '';
      return kept;
    },
  };
}

/** Types `text` (from HeldKeys) at the selection: lines as paragraphs. */
export function $typeHeldKeys(text: string): void {
  const selection = $getSelection();
  if (text === '' || !$isRangeSelection(selection)) return;
  text.split('\n').forEach((line, index) => {
    if (index > 0) selection.insertParagraph();
    if (line !== '') selection.insertText(line);
  });
}
