import type { Binding, Provider, SyncCursorPositionsFn } from '@lexical/yjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { drawCaretsOncePerFrame } from './carets-once-per-frame';

describe('drawCaretsOncePerFrame', () => {
  let frames: Array<() => void> = [];
  const nextFrame = (): void => {
    const due = frames;
    frames = [];
    for (const callback of due) callback();
  };
  beforeEach(() => {
    vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback));
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    frames = [];
  });

  const binding = {} as Binding;
  const provider = (name: string) => ({ name }) as unknown as Provider;

  it('draws once in the next frame, with the latest arguments, however often it is asked before', () => {
    const drawn: unknown[][] = [];
    const draw = drawCaretsOncePerFrame(((...args: unknown[]) => drawn.push(args)) as SyncCursorPositionsFn);
    draw(binding, provider('text changed'));
    draw(binding, provider('caret moved'), { selectionHighlight: true } as never);
    expect(drawn).toEqual([]);
    nextFrame();
    expect(drawn).toEqual([[binding, provider('caret moved'), { selectionHighlight: true }]]);
    nextFrame();
    expect(drawn).toHaveLength(1);
  });

  it('draws again when asked after a frame', () => {
    let draws = 0;
    const draw = drawCaretsOncePerFrame((() => draws++) as SyncCursorPositionsFn);
    draw(binding, provider('a'));
    nextFrame();
    draw(binding, provider('b'));
    nextFrame();
    expect(draws).toBe(2);
  });
});
