// Keeps the letters someone types while no editor takes them: while the editor holds typing (a replacement puts new
// content in place), and while a document just started with "New document" opens (typed-ahead.ts). The browser
// would send those keys nowhere, so a word typed across a restore, or right after New, lost its first letters. What
// is kept is typed in, in order, where typing goes on (editor/held-keys.ts).

export interface HeldKeys {
  /** Stops keeping keys and gives what was typed: text, with '\n' for Enter. */
  release(): string;
}

/**
 * Keeps the text typed from now on, after `initial`, while no other field has the focus (`root`, the held editor,
 * lost it to the page when it stopped taking keys; a field the person moved to keeps its own keys): letters, Enter,
 * and Backspace taking back the last kept letter. Shortcuts and keys with Ctrl, Alt or ⌘ are left alone.
 */
export function holdKeys(root: HTMLElement | null, initial = ''): HeldKeys {
  let text = initial;
  const onKeyDown = (event: KeyboardEvent): void => {
    const active = document.activeElement;
    if (active !== null && active !== document.body && root?.contains(active) !== true) return;
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing || !isKeptKey(event.key)) return;
    text = withKey(text, event.key);
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

/** The keys kept: characters, Enter and Backspace (index.html's early hold keeps the same). */
function isKeptKey(key: string): boolean {
  return key.length === 1 || key === 'Enter' || key === 'Backspace';
}

/** `text` after `key` (a kept key): '\n' for Enter, Backspace takes back the last character. */
export function withKey(text: string, key: string): string {
  if (key === 'Enter') return `${text}\n`;
  if (key === 'Backspace') return text.slice(0, -1);
  return isKeptKey(key) ? text + key : text;
}
