// Edits that cross a whole-document replacement (a version restored, an import) are kept in a version of their own.
// A replacement deletes every block and writes new ones. Someone typing at that moment sends updates made against
// the old blocks; they arrive after it and land inside deleted blocks: gone from the document, and not in the
// "Before …" version either, which was taken before they came (4 of 6 restores lost words of someone typing a word
// every 60 ms). So for a while every edit that reaches the room is kept too. Once the edits pause, they are applied
// to a copy of the replaced state on the conversion thread (stateWithCrossingEdits): edits made against the old
// content integrate there, and if any did, the copy is stored as one more version, where the words can be found and
// copied back; should more integrate later in the window, a newer copy is stored as well. Edits made after the replacement reached their author depend on the new content and stay pending in
// the copy, which changes nothing. Built on the event loop, that copy of a 10,000-paragraph document stalled every
// keystroke on the server for 0.75 s, at the first edit after each replacement.
import type { Logger } from '../logger';
import type { Room } from '../rooms/room';
import { stateWithCrossingEdits } from './crossing-edits-state';

/** Long enough for what was in flight when the replacement went out, and for a client's first reconnect. */
export const CROSSING_EDITS_WINDOW_MS = 15_000;
/** The edits are checked this long after the last of them (or when the window closes). */
const QUIET_BEFORE_CHECKING_MS = 1_000;
/** Edits kept at most; past it the watch checks what it has and ends (a keystroke is tens of bytes). */
const MAX_KEPT_EDIT_BYTES = 8 * 1024 * 1024;

export interface CrossingEditsWatch {
  room: Room;
  /** The full state the replacement is about to replace. */
  replaced: Uint8Array;
  /** stateWithCrossingEdits, off the event loop (DocumentConverter.crossingEdits). */
  applyEdits(replaced: Uint8Array, edits: Uint8Array[]): Promise<Uint8Array | null>;
  /** Stores the copy with the crossing edits in it. */
  save(state: Uint8Array): Promise<unknown>;
  logger: Logger;
}

/**
 * Starts watching; call it before anything of the replacement is awaited, so no edit slips past. Resolves once the
 * watch has ended and stored what it caught.
 */
export function keepEditsCrossingReplacement({ room, replaced, applyEdits, save, logger }: CrossingEditsWatch): Promise<void> {
  let ended: () => void = () => {};
  const whenEnded = new Promise<void>((resolve) => (ended = resolve));
  const edits: Uint8Array[] = [];
  let keptBytes = 0;
  /** What checks apply edits to: the replaced state, then the last copy stored (with the first `baseCount` edits). */
  let base = replaced;
  let baseCount = 0;
  /** How many of `edits` the last check covered. */
  let checked = 0;
  let isChecking = false;
  /** The window closed (or the room went) while a check ran: the next outcome is the last. */
  let isLastCheck = false;
  let isFinished = false;
  let quietTimer: NodeJS.Timeout | undefined;
  let storing: Promise<void> = Promise.resolve();

  // A peer's edit as it was sent, here or from another instance (not the replacement itself, a load or the seed).
  const stopWatching = room.watchPeerUpdates((update) => {
    if (keptBytes + update.byteLength > MAX_KEPT_EDIT_BYTES) {
      void check(true);
      return;
    }
    // Copied: the update may be a view into the frame it came in.
    edits.push(update.slice());
    keptBytes += update.byteLength;
    clearTimeout(quietTimer);
    quietTimer = setTimeout(() => void check(false), QUIET_BEFORE_CHECKING_MS);
    quietTimer.unref();
  });
  const windowTimer = setTimeout(() => void check(true), CROSSING_EDITS_WINDOW_MS);
  windowTimer.unref();
  // The room may unload first (nobody left): what came until then is checked.
  const onDestroy = (): void => void check(true);
  room.doc.on('destroy', onDestroy);

  /**
   * Applies the edits not yet in `base` to it, and stores the outcome when any of them integrated. The watch goes on
   * after a copy is stored, until the window closes: a browser busy putting a large replacement in place sends what
   * its user typed meanwhile seconds later, against the old content (an import through another instance lost the
   * letters of such a keystroke, which came after the first copy was stored).
   */
  async function check(isLast: boolean): Promise<void> {
    if (isFinished) return;
    if (isLast) {
      isLastCheck = true;
      stopWatching();
    }
    if (isChecking) return; // its outcome looks at isLastCheck
    if (checked === edits.length) {
      if (isLastCheck) finish();
      return;
    }
    isChecking = true;
    let count: number;
    let state: Uint8Array | null;
    // Edits that came while the thread worked are in the version too, when there is one to store.
    do {
      count = edits.length;
      state = await stateWith(edits.slice(baseCount, count));
    } while (state !== null && edits.length > count);
    isChecking = false;
    checked = count;
    if (state) {
      base = state;
      baseCount = count;
      store(state);
    }
    // Edits that came during the check are checked once they pause, or now when this is the last check.
    if (isLastCheck) await check(true);
  }

  async function stateWith(kept: Uint8Array[]): Promise<Uint8Array | null> {
    try {
      return await applyEdits(base, kept);
    } catch (error) {
      // The thread is gone (the server is shutting down, say): the edits are still worth the event loop's time.
      logger.warn({ err: error, doc: room.name }, 'checking the edits that crossed a replacement on the event loop');
      try {
        return stateWithCrossingEdits(base, kept);
      } catch (cause) {
        logger.warn({ err: cause, doc: room.name }, 'the replaced state did not apply: its crossing edits are not kept');
        return null;
      }
    }
  }

  /** Stores `caught` after any copy stored before it, so the newest version holds the most. */
  function store(caught: Uint8Array): void {
    storing = storing.then(() =>
      save(caught).then(
        () => logger.info({ doc: room.name }, 'kept edits that crossed a replacement in a version'),
        (error: unknown) => logger.error({ err: error, doc: room.name }, 'could not store edits that crossed a replacement'),
      ),
    );
  }

  function finish(): void {
    isFinished = true;
    stopWatching();
    clearTimeout(quietTimer);
    clearTimeout(windowTimer);
    room.doc.off('destroy', onDestroy);
    edits.length = 0;
    void storing.finally(ended);
  }

  return whenEnded;
}
