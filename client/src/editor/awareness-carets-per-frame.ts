// Draws the others' carets after a presence change in the next animation frame, with the redraws that follow document
// changes (carets-once-per-frame.ts). CollaborationPlugin redraws every remote caret, measuring each one, at once on
// every awareness update: this person's own caret moving with each letter typed, and each collaborator's caret
// arriving with their letter. Right after a document change each measurement lays the page out, and a collaborator's
// keystroke was drawn twice (once for their letter, once for their caret). Lexical only sees the awareness through
// this view, so its 'update' listeners ask for the shared once-per-frame redraw instead.
import type { Provider, ProviderAwareness } from '@lexical/yjs';

/**
 * `provider` as CollaborationPlugin should see it: its awareness 'update' listeners call `redraw` instead, which
 * schedules the frame's caret drawing and returns false while it cannot yet (no binding caught): then the listener
 * runs as before.
 */
export function withCaretDrawsPerFrame(provider: Provider, redraw: () => boolean): Provider {
  const awareness = provider.awareness;
  const wrapped = new Map<() => void, () => void>();
  const view: ProviderAwareness = {
    getLocalState: () => awareness.getLocalState(),
    getStates: () => awareness.getStates(),
    setLocalState: (state) => awareness.setLocalState(state),
    setLocalStateField: (field, value) => awareness.setLocalStateField(field, value),
    on(type, listener) {
      const deferred = wrapped.get(listener) ?? (() => void (redraw() || listener()));
      wrapped.set(listener, deferred);
      awareness.on(type, deferred);
    },
    off(type, listener) {
      const deferred = wrapped.get(listener);
      if (deferred === undefined) return;
      wrapped.delete(listener);
      awareness.off(type, deferred);
    },
  };
  return {
    awareness: view,
    connect: () => provider.connect(),
    disconnect: () => provider.disconnect(),
    on: provider.on.bind(provider),
    off: provider.off.bind(provider),
  };
}
