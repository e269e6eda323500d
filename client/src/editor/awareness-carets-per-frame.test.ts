import type { Provider } from '@lexical/yjs';
import { Awareness } from 'y-protocols/awareness';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { withCaretDrawsPerFrame } from './awareness-carets-per-frame';

function providerWith(awareness: Awareness): Provider {
  return { awareness, connect() {}, disconnect() {}, on() {}, off() {} } as unknown as Provider;
}

describe('withCaretDrawsPerFrame', () => {
  it('asks for the frame redraw instead of running the editor’s awareness listener, and stops when it is removed', () => {
    const awareness = new Awareness(new Y.Doc());
    const redraws: string[] = [];
    const view = withCaretDrawsPerFrame(providerWith(awareness), () => redraws.push('frame') > 0);
    const listenerRuns: string[] = [];
    const listener = () => listenerRuns.push('now');
    view.awareness.on('update', listener);
    awareness.setLocalStateField('name', 'Ada');
    expect(redraws).toEqual(['frame']);
    expect(listenerRuns).toEqual([]);
    view.awareness.off('update', listener);
    awareness.setLocalStateField('name', 'Grace');
    expect(redraws).toEqual(['frame']);
    awareness.destroy();
  });

  it('runs the listener at once while no redraw is possible yet', () => {
    const awareness = new Awareness(new Y.Doc());
    const view = withCaretDrawsPerFrame(providerWith(awareness), () => false);
    const listenerRuns: string[] = [];
    view.awareness.on('update', () => listenerRuns.push('now'));
    awareness.setLocalStateField('name', 'Ada');
    expect(listenerRuns).toEqual(['now']);
    awareness.destroy();
  });

  it('passes the local state through to the real awareness', () => {
    const awareness = new Awareness(new Y.Doc());
    const view = withCaretDrawsPerFrame(providerWith(awareness), () => true);
    view.awareness.setLocalStateField('name', 'Ada');
    expect(awareness.getLocalState()).toMatchObject({ name: 'Ada' });
    expect(view.awareness.getStates()).toBe(awareness.getStates());
    awareness.destroy();
  });
});
