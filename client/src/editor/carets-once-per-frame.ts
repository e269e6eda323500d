// Draws the others' carets at most once per frame, just before the page is painted. @lexical/yjs measures each caret
// where the document changed and whenever someone's caret moved, and every measurement after a change makes the
// browser lay the page out again: one keystroke from a collaborator (their letter, then their caret) made this page
// lay out its document four or five times. In a 5,000-paragraph document that was about 10 ms each, so their letters
// showed 100 to 200 ms late. What comes through here (after each change of the document) is drawn in the next animation
// frame, in the layout the frame needs anyway; @lexical/yjs's own awareness listener, which this cannot reach, still
// draws at once when someone's caret moves, but in the contained caret layer (.remote-carets) that layout is small.
import type { SyncCursorPositionsFn } from '@lexical/yjs';

type SyncArguments = Parameters<SyncCursorPositionsFn>;

/** `draw`, run once in the next animation frame with the latest arguments however often it is asked for before. */
export function drawCaretsOncePerFrame(draw: SyncCursorPositionsFn): SyncCursorPositionsFn {
  let latest: SyncArguments | null = null;
  const drawLatest = (): void => {
    const args = latest;
    latest = null;
    if (args !== null) draw(...args);
  };
  return (...args) => {
    const isScheduled = latest !== null;
    latest = args;
    if (!isScheduled) requestAnimationFrame(drawLatest);
  };
}
