// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { carryTypedAhead, holdTypedAhead } from './typed-ahead';

function press(key: string): void {
  document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
}

afterEach(() => window.sessionStorage.clear());

describe('typed ahead', () => {
  it('gives the new document’s page what was typed on the home page, then on its early script, then since', () => {
    carryTypedAhead('new-doc', window.sessionStorage);
    for (const key of ['H', 'e', 'y']) press(key);
    window.dispatchEvent(new Event('pagehide'));
    window.tandemEarlyKeys = () => ['Backspace', 'l', 'l', 'o', 'Enter'];
    const held = holdTypedAhead('new-doc', window.sessionStorage);
    expect(window.tandemEarlyKeys).toBeUndefined();
    for (const key of ['t', 'w', 'o']) press(key);
    expect(held.release()).toBe('Hello\ntwo');
    press('x');
    expect(held.release()).toBe('');
  });

  it('gives another document nothing of what was carried for one', () => {
    carryTypedAhead('first', window.sessionStorage);
    press('a');
    window.dispatchEvent(new Event('pagehide'));
    const held = holdTypedAhead('second', window.sessionStorage);
    expect(held.release()).toBe('');
    expect(window.sessionStorage.length).toBe(0);
  });
});
