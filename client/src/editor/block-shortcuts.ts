// The keyboard shortcuts for block types, alignment and strikethrough, as in Google Docs: Ctrl+Alt+0–3 for normal
// text and headings, Ctrl+Shift+7/8/9 for numbered, bulleted and check lists, Ctrl+Shift+L/E/R/J to align left,
// centre, right or justify, Ctrl+Shift+X for strikethrough (⌘ for Ctrl on Apple devices). Keys are matched by their physical position (`event.code`), since Shift and Alt change
// `event.key` ("&" for Shift+7, "¡" for Option+1 on a Mac).
import type { Alignment } from './alignment';
import type { SettableBlockType } from './block-type';

export type AlignAction = `align-${Alignment}`;
export type ShortcutAction = SettableBlockType | AlignAction | 'strikethrough';

/** The parts of a KeyboardEvent a shortcut depends on. */
export interface ShortcutKeys {
  readonly code: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
}

interface Shortcut {
  readonly code: string;
  /** The second modifier next to Ctrl (⌘): Alt (⌥) or Shift (⇧). */
  readonly with: 'alt' | 'shift';
  readonly action: ShortcutAction;
}

const SHORTCUTS: readonly Shortcut[] = [
  { code: 'Digit0', with: 'alt', action: 'paragraph' },
  { code: 'Digit1', with: 'alt', action: 'h1' },
  { code: 'Digit2', with: 'alt', action: 'h2' },
  { code: 'Digit3', with: 'alt', action: 'h3' },
  { code: 'Digit7', with: 'shift', action: 'number' },
  { code: 'Digit8', with: 'shift', action: 'bullet' },
  { code: 'Digit9', with: 'shift', action: 'check' },
  { code: 'KeyL', with: 'shift', action: 'align-left' },
  { code: 'KeyE', with: 'shift', action: 'align-center' },
  { code: 'KeyR', with: 'shift', action: 'align-right' },
  { code: 'KeyJ', with: 'shift', action: 'align-justify' },
  { code: 'KeyX', with: 'shift', action: 'strikethrough' },
];

export function isAlignAction(action: ShortcutAction): action is AlignAction {
  return action.startsWith('align-');
}

const alignmentOfAction: Record<AlignAction, Alignment> = {
  'align-left': 'left',
  'align-center': 'center',
  'align-right': 'right',
  'align-justify': 'justify',
};

/** The alignment an align action sets. */
export function alignmentOf(action: AlignAction): Alignment {
  return alignmentOfAction[action];
}

/** What `keys` asks for, or null when they are no block shortcut. `isApple`: ⌘ is the primary modifier. */
export function shortcutActionOf(keys: ShortcutKeys, isApple: boolean): ShortcutAction | null {
  const primary = isApple ? keys.metaKey && !keys.ctrlKey : keys.ctrlKey && !keys.metaKey;
  if (!primary) return null;
  const shortcut = SHORTCUTS.find((candidate) => candidate.code === keys.code);
  if (!shortcut) return null;
  const wantsAlt = shortcut.with === 'alt';
  return keys.altKey === wantsAlt && keys.shiftKey === !wantsAlt ? shortcut.action : null;
}

/** The shortcut of `action` as the tooltip shows it ("Ctrl+Alt+1", "⌥⌘1"), or undefined when it has none. */
export function shortcutLabelOf(action: string, isApple: boolean): string | undefined {
  const shortcut = SHORTCUTS.find((candidate) => candidate.action === action);
  if (!shortcut) return undefined;
  const key = shortcut.code.replace(/^(Digit|Key)/, '');
  if (isApple) return `${shortcut.with === 'alt' ? '⌥' : '⇧'}⌘${key}`;
  return `Ctrl+${shortcut.with === 'alt' ? 'Alt' : 'Shift'}+${key}`;
}
