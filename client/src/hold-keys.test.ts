// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { holdKeys } from './hold-keys';

function press(key: string, init: KeyboardEventInit = {}): boolean {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  document.body.dispatchEvent(event);
  return event.defaultPrevented;
}

describe('holdKeys', () => {
  it('keeps letters, Enter and Backspace pressed while the page has the focus, and stops at release', () => {
    const root = document.createElement('div');
    document.body.append(root);
    const held = holdKeys(root);
    for (const key of ['H', 'i', 'x', 'Backspace', ' ', 'Enter', 'y', 'o']) expect(press(key)).toBe(true);
    expect(held.release()).toBe('Hi \nyo');
    expect(press('z')).toBe(false);
    expect(held.release()).toBe('');
  });

  it('leaves shortcuts alone, and keys typed into another field', () => {
    const root = document.createElement('div');
    const field = document.createElement('input');
    document.body.append(root, field);
    const held = holdKeys(root);
    expect(press('s', { ctrlKey: true })).toBe(false);
    expect(press('Tab')).toBe(false);
    field.focus();
    expect(press('a')).toBe(false);
    field.blur();
    expect(press('b')).toBe(true);
    expect(held.release()).toBe('b');
  });
});
