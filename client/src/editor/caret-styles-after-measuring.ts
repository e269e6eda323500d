// Lets a caret drawing measure every caret before it moves any. @lexical/yjs draws the others' carets one at a time,
// measuring where each goes (getBoundingClientRect) and moving it there (its style) before measuring the next, so
// every measurement after a move made the browser lay the page out again: a reader had about two forced layouts per
// keystroke of a collaborator. The carets' layer (.remote-carets) is absolutely placed and contained, so moving a
// caret changes no measurement of the text: held until the drawing ends, the moves leave the same page.
import type { SyncCursorPositionsFn } from '@lexical/yjs';

type StyleWrite = readonly [style: CSSStyleDeclaration, method: 'setProperty' | 'removeProperty', args: readonly string[]];

/** `draw`, with the style changes it makes to carets already in the caret layer applied after it has measured. */
export function styleCaretsAfterMeasuring(draw: SyncCursorPositionsFn): SyncCursorPositionsFn {
  return (binding, provider, options) => {
    const layer = binding.cursorsContainer;
    const release = layer === null ? null : holdStyleWrites(layer.querySelectorAll<HTMLElement>('*'));
    try {
      draw(binding, provider, options);
    } finally {
      release?.();
    }
  };
}

/**
 * Until the returned function is called, `setProperty` and `removeProperty` on these elements' `style` are recorded
 * instead of applied; calling it applies them in order and gives the elements their own `style` back. Elements made
 * meanwhile are not held (a new caret is written at once).
 */
export function holdStyleWrites(elements: Iterable<HTMLElement>): () => void {
  const writes: StyleWrite[] = [];
  const held: HTMLElement[] = [];
  for (const element of elements) {
    const style = element.style;
    const record =
      (method: StyleWrite[1]) =>
      (...args: string[]): string => {
        writes.push([style, method, args]);
        return '';
      };
    const view = new Proxy(style, {
      get(target, key) {
        if (key === 'setProperty' || key === 'removeProperty') return record(key);
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
      set: (target, key, value) => Reflect.set(target, key, value, target),
    });
    Object.defineProperty(element, 'style', { configurable: true, get: () => view });
    held.push(element);
  }
  return () => {
    // The own property shadows HTMLElement.prototype's `style`; deleting it restores the element's own declaration.
    for (const element of held) delete (element as { style?: unknown }).style;
    for (const [style, method, args] of writes) {
      if (method === 'setProperty') style.setProperty(args[0] ?? '', args[1] ?? '', args[2]);
      else style.removeProperty(args[0] ?? '');
    }
  };
}
