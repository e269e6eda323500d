// Where one undo step ends and the next begins, decided key by key: before the first key after a word (space,
// Enter), a paste or a shortcut; before and after Tab (it indents: a step of its own, as Ctrl+] is); before every
// key that moves the caret away; and where typing turns into deleting or back, so "select all, Delete, type" undoes
// the typing first. Events, not the clock, so a pause or a busy page never cuts a word in two
// (undo-steps-plugin.tsx applies the decisions).

/** The parts of a KeyboardEvent the decision depends on. */
export interface StepKeys {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  /** AltGr is held: it types characters (@, €) and reports Ctrl+Alt on Windows, so it is typing, not a shortcut. */
  readonly isAltGraph: boolean;
}

const STEP_ENDING_KEYS = new Set([' ', 'Enter']);
const DELETING_KEYS = new Set(['Backspace', 'Delete']);
const CARET_MOVING_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);
const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock']);

export class UndoStepBoundaries {
  /** Set by a key or paste whose own change belongs to the step it ends; the next key starts a new one. */
  private endsBeforeNextKey = false;
  /** Whether the last key of the current step deleted (Backspace, Delete) rather than typed. */
  private wasDeleting = false;

  /** Whether the current step ends before this key's change is made. */
  beforeKey(keys: StepKeys): boolean {
    if (MODIFIER_KEYS.has(keys.key)) return false;
    // Tab indents (a list item, a paragraph), like the Ctrl+] shortcut.
    const isShortcut = ((keys.ctrlKey || keys.metaKey) && !keys.isAltGraph) || keys.key === 'Tab';
    const isDeleting = DELETING_KEYS.has(keys.key);
    // With or without modifiers (a word or line at a time, extending a selection): the caret leaves. A shortcut
    // (bold, a heading, undo itself) is a step apart from the typing before it and after it.
    const endsNow = this.endsBeforeNextKey || isShortcut || CARET_MOVING_KEYS.has(keys.key) || isDeleting !== this.wasDeleting;
    this.endsBeforeNextKey = isShortcut || STEP_ENDING_KEYS.has(keys.key);
    this.wasDeleting = isDeleting;
    return endsNow;
  }

  /** A paste is a step of its own: the caller ends the step before it, and the next key starts another. */
  afterPaste(): void {
    this.endsBeforeNextKey = true;
  }
}
