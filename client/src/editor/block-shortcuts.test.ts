import { describe, expect, it } from 'vitest';
import { alignmentOf, isAlignAction, shortcutActionOf, shortcutLabelOf, type ShortcutKeys } from './block-shortcuts';

const keys = (code: string, modifiers: Partial<Omit<ShortcutKeys, 'code'>>): ShortcutKeys => ({
  code,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...modifiers,
});

describe('block shortcuts', () => {
  it('maps Ctrl+Alt+digits to headings and normal text, Ctrl+Shift+digits to lists', () => {
    expect(shortcutActionOf(keys('Digit1', { ctrlKey: true, altKey: true }), false)).toBe('h1');
    expect(shortcutActionOf(keys('Digit3', { ctrlKey: true, altKey: true }), false)).toBe('h3');
    expect(shortcutActionOf(keys('Digit0', { ctrlKey: true, altKey: true }), false)).toBe('paragraph');
    expect(shortcutActionOf(keys('Digit7', { ctrlKey: true, shiftKey: true }), false)).toBe('number');
    expect(shortcutActionOf(keys('Digit8', { ctrlKey: true, shiftKey: true }), false)).toBe('bullet');
    expect(shortcutActionOf(keys('Digit9', { ctrlKey: true, shiftKey: true }), false)).toBe('check');
    expect(shortcutActionOf(keys('KeyX', { ctrlKey: true, shiftKey: true }), false)).toBe('strikethrough');
  });

  it('maps Ctrl+Shift+L/E/R/J to left, centre, right and justified alignment', () => {
    const alignments = ['KeyL', 'KeyE', 'KeyR', 'KeyJ'].map((code) => {
      const action = shortcutActionOf(keys(code, { ctrlKey: true, shiftKey: true }), false);
      return action !== null && isAlignAction(action) ? alignmentOf(action) : null;
    });
    expect(alignments).toEqual(['left', 'center', 'right', 'justify']);
    expect(shortcutLabelOf('align-center', false)).toBe('Ctrl+Shift+E');
    expect(shortcutLabelOf('align-center', true)).toBe('⇧⌘E');
  });

  it('uses ⌘ instead of Ctrl on Apple devices', () => {
    expect(shortcutActionOf(keys('Digit2', { metaKey: true, altKey: true }), true)).toBe('h2');
    expect(shortcutActionOf(keys('Digit2', { ctrlKey: true, altKey: true }), true)).toBeNull();
    expect(shortcutActionOf(keys('Digit2', { metaKey: true, altKey: true }), false)).toBeNull();
  });

  it('ignores the same keys with other modifiers, so Ctrl+1 or Ctrl+Shift+Alt+8 do nothing here', () => {
    expect(shortcutActionOf(keys('Digit1', { ctrlKey: true }), false)).toBeNull();
    expect(shortcutActionOf(keys('Digit1', { ctrlKey: true, shiftKey: true }), false)).toBeNull();
    expect(shortcutActionOf(keys('Digit8', { ctrlKey: true, shiftKey: true, altKey: true }), false)).toBeNull();
    expect(shortcutActionOf(keys('Digit8', { shiftKey: true }), false)).toBeNull();
    expect(shortcutActionOf(keys('KeyB', { ctrlKey: true, shiftKey: true }), false)).toBeNull();
  });

  it('labels each shortcut the way the platform writes it', () => {
    expect(shortcutLabelOf('h1', false)).toBe('Ctrl+Alt+1');
    expect(shortcutLabelOf('bullet', false)).toBe('Ctrl+Shift+8');
    expect(shortcutLabelOf('strikethrough', false)).toBe('Ctrl+Shift+X');
    expect(shortcutLabelOf('h1', true)).toBe('⌥⌘1');
    expect(shortcutLabelOf('number', true)).toBe('⇧⌘7');
    expect(shortcutLabelOf('quote', false)).toBeUndefined();
  });
});
