// @vitest-environment happy-dom
import type { Binding, Provider, SyncCursorPositionsFn } from '@lexical/yjs';
import { describe, expect, it } from 'vitest';
import { holdStyleWrites, styleCaretsAfterMeasuring } from './caret-styles-after-measuring';

function caretLayer(): { layer: HTMLElement; caret: HTMLElement; selection: HTMLElement } {
  const layer = document.createElement('div');
  layer.innerHTML = '<span class="caret" style="top: 1px; left: 2px"></span><span class="selection"><span></span></span>';
  return { layer, caret: layer.children[0] as HTMLElement, selection: layer.children[1] as HTMLElement };
}

describe('holdStyleWrites', () => {
  it('applies the held style changes in order when released, and not before', () => {
    const { caret, selection } = caretLayer();
    const release = holdStyleWrites([caret, selection]);
    caret.style.setProperty('top', '10px', '');
    selection.style.setProperty('width', '5px', '');
    caret.style.setProperty('top', '20px', '');
    caret.style.removeProperty('left');
    expect(caret.style.getPropertyValue('top')).toBe('1px');
    expect(caret.style.getPropertyValue('left')).toBe('2px');
    release();
    expect(caret.style.getPropertyValue('top')).toBe('20px');
    expect(caret.style.getPropertyValue('left')).toBe('');
    expect(selection.style.getPropertyValue('width')).toBe('5px');
  });

  it('gives the elements their own style back', () => {
    const { caret } = caretLayer();
    const own = caret.style;
    holdStyleWrites([caret])();
    expect(caret.style).toBe(own);
    caret.style.setProperty('top', '7px', '');
    expect(caret.style.getPropertyValue('top')).toBe('7px');
  });

  it('keeps an important priority', () => {
    const { caret } = caretLayer();
    const release = holdStyleWrites([caret]);
    caret.style.setProperty('color', 'red', 'important');
    release();
    expect(caret.style.getPropertyPriority('color')).toBe('important');
  });
});

describe('styleCaretsAfterMeasuring', () => {
  const provider = {} as Provider;

  it('lets the drawing read every caret as it was, and moves the carets once it is done', () => {
    const { layer, caret } = caretLayer();
    const seen: string[] = [];
    const draw = styleCaretsAfterMeasuring(() => {
      caret.style.setProperty('top', '30px', '');
      seen.push(caret.style.getPropertyValue('top'));
    });
    draw({ cursorsContainer: layer } as Binding, provider);
    expect(seen).toEqual(['1px']);
    expect(caret.style.getPropertyValue('top')).toBe('30px');
  });

  it('writes a caret made during the drawing at once', () => {
    const { layer } = caretLayer();
    let made: HTMLElement | null = null;
    const draw = styleCaretsAfterMeasuring(() => {
      made = document.createElement('span');
      layer.appendChild(made);
      made.style.setProperty('top', '4px', '');
      expect(made.style.getPropertyValue('top')).toBe('4px');
    });
    draw({ cursorsContainer: layer } as Binding, provider);
    expect(made).not.toBeNull();
  });

  it('releases the carets when the drawing throws', () => {
    const { layer, caret } = caretLayer();
    const own = caret.style;
    const draw = styleCaretsAfterMeasuring((() => {
      caret.style.setProperty('top', '9px', '');
      throw new Error('drawing failed');
    }) as SyncCursorPositionsFn);
    expect(() => draw({ cursorsContainer: layer } as Binding, provider)).toThrow('drawing failed');
    expect(caret.style).toBe(own);
    expect(caret.style.getPropertyValue('top')).toBe('9px');
  });

  it('draws as before without a caret layer', () => {
    let draws = 0;
    styleCaretsAfterMeasuring(() => void draws++)({ cursorsContainer: null } as Binding, provider);
    expect(draws).toBe(1);
  });
});
