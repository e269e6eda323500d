// Edits that cross a whole-document replacement (a version restored, an import) are kept in a version of their own.
// A replacement deletes every block and writes new ones. Someone typing at that moment sends updates made against
// the old blocks; they arrive after it and land inside deleted blocks: gone from the document, and not in the
// "Before …" version either, which was taken before they came (4 of 6 restores lost words of someone typing a word
// every 60 ms). So for a while every edit that reaches the room is also applied to a copy of the replaced state.
// Edits made against the old content integrate there; if any did, the copy is stored as one more version a moment
// after the last of them (at most 15 s on), and the words can be found and copied back. Edits made after the
// replacement reached their author depend on the new content and stay pending in the copy, which changes nothing.
import * as Y from 'yjs';
import type { Logger } from '../logger';
import type { Room } from '../rooms/room';

/** Long enough for what was in flight when the replacement went out, and for a client's first reconnect. */
export const CROSSING_EDITS_WINDOW_MS = 15_000;
/** The copy is stored this long after the last edit that integrated in it (or when the window closes). */
const QUIET_BEFORE_SAVING_MS = 1_000;

export interface CrossingEditsWatch {
  room: Room;
  /** The full state the replacement is about to replace. */
  replaced: Uint8Array;
  /** Stores the copy with the crossing edits in it. */
  save(state: Uint8Array): Promise<unknown>;
  logger: Logger;
}

/** Starts watching; call it before anything of the replacement is awaited, so no edit slips past. */
export function keepEditsCrossingReplacement({ room, replaced, save, logger }: CrossingEditsWatch): void {
  // Built by the first edit that comes: applying a large document's state takes the event loop hundreds of ms, and
  // most replacements see no edit at all.
  let copy: Y.Doc | null = null;
  let stateVector: Uint8Array | null = null;
  let isCaught = false;
  let saveTimer: NodeJS.Timeout | undefined;
  // A peer's edit as it was sent, here or from another instance (not the replacement itself, a load or the seed).
  const stopWatching = room.watchPeerUpdates((update) => {
    try {
      if (copy === null) {
        copy = new Y.Doc();
        Y.applyUpdate(copy, replaced);
        stateVector = Y.encodeStateVector(copy);
      }
      Y.applyUpdate(copy, update);
    } catch (error) {
      logger.warn({ err: error, doc: room.name }, 'an edit did not apply to the copy of a replaced document');
    }
    if (copy === null || stateVector === null) return; // the replaced state itself did not apply: nothing to keep
    const next = Y.encodeStateVector(copy);
    if (equalBytes(next, stateVector)) return; // pending there: made after the replacement reached its author
    stateVector = next;
    isCaught = true;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(finish, QUIET_BEFORE_SAVING_MS);
    saveTimer.unref();
  });
  const windowTimer = setTimeout(() => finish(), CROSSING_EDITS_WINDOW_MS);
  windowTimer.unref();
  let isFinished = false;
  function finish(): void {
    if (isFinished) return;
    isFinished = true;
    stopWatching();
    clearTimeout(saveTimer);
    clearTimeout(windowTimer);
    room.doc.off('destroy', finish);
    const state = isCaught && copy ? Y.encodeStateAsUpdate(copy) : null;
    copy?.destroy();
    if (!state) return;
    save(state).then(
      () => logger.info({ doc: room.name }, 'kept edits that crossed a replacement in a version'),
      (error: unknown) => logger.error({ err: error, doc: room.name }, 'could not store edits that crossed a replacement'),
    );
  }
  // The room may unload first (nobody left): what was caught is stored then.
  room.doc.on('destroy', finish);
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);
}
