// The crossing-edits watch on its own (a stand-in room, the thread's work done in the test): edits that arrive while
// a check runs are in the version it stores, and the watch's promise waits for that store (shutdown relies on it).
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { Room } from '../rooms/room';
import { stateWithCrossingEdits } from './crossing-edits-state';
import { CROSSING_EDITS_WINDOW_MS, keepEditsCrossingReplacement } from './edits-crossing-replacement';

afterEach(() => {
  vi.useRealTimers();
});

/** A room as the watch sees it: a name, a document that may be destroyed, and peer updates to watch. */
function standInRoom(): { room: Room; peerEdit(update: Uint8Array): void } {
  const watchers = new Set<(update: Uint8Array) => void>();
  const room = {
    name: 'crossing',
    doc: new Y.Doc(),
    watchPeerUpdates(watcher: (update: Uint8Array) => void) {
      watchers.add(watcher);
      return () => watchers.delete(watcher);
    },
  } as unknown as Room;
  return { room, peerEdit: (update) => watchers.forEach((watcher) => watcher(update)) };
}

/** The replaced content ("replaced words"), and a typist who holds it and appends to it, one update per call. */
function typistOnReplacedWords(): { replaced: Uint8Array; typed(text: string): Uint8Array } {
  const author = new Y.Doc();
  author.getText('body').insert(0, 'replaced words');
  const replaced = Y.encodeStateAsUpdate(author);
  const typed = (text: string): Uint8Array => {
    const before = Y.encodeStateVector(author);
    author.getText('body').insert(author.getText('body').length, text);
    return Y.encodeStateAsUpdate(author, before);
  };
  return { replaced, typed };
}

describe('keepEditsCrossingReplacement', () => {
  it('keeps the edits that arrive while a check runs in the version it stores, and resolves once it is stored', async () => {
    vi.useFakeTimers();
    const { replaced, typed } = typistOnReplacedWords();
    const { room, peerEdit } = standInRoom();
    const checks: Array<() => void> = [];
    const applyEdits = vi.fn(
      (state: Uint8Array, edits: Uint8Array[]) =>
        new Promise<Uint8Array | null>((resolve) => checks.push(() => resolve(stateWithCrossingEdits(state, edits)))),
    );
    const saved: Uint8Array[] = [];
    let stored = false;
    const save = vi.fn(async (state: Uint8Array) => {
      saved.push(state);
      await Promise.resolve();
      stored = true;
    });

    const watch = keepEditsCrossingReplacement({ room, replaced, applyEdits, save, logger: pino({ level: 'silent' }) });
    peerEdit(typed(' one'));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(applyEdits).toHaveBeenCalledTimes(1);
    peerEdit(typed(' two')); // while the first check runs
    checks.shift()!();
    await vi.waitFor(() => expect(applyEdits).toHaveBeenCalledTimes(2));
    expect(applyEdits.mock.calls[1]![1]).toHaveLength(2);
    checks.shift()!();
    await vi.waitFor(() => expect(stored).toBe(true));
    // Watched until the window closes; nothing more came, so nothing more is checked or stored.
    await vi.advanceTimersByTimeAsync(CROSSING_EDITS_WINDOW_MS);
    await watch;

    expect(save).toHaveBeenCalledTimes(1);
    const version = new Y.Doc();
    Y.applyUpdate(version, saved[0]!);
    expect(version.getText('body').toString()).toBe('replaced words one two');
  });

  it('stores a later version when a keystroke typed against the replaced content comes after the first was stored', async () => {
    vi.useFakeTimers();
    const { replaced, typed } = typistOnReplacedWords();
    const { room, peerEdit } = standInRoom();
    const saved: string[] = [];
    const save = vi.fn(async (state: Uint8Array) => {
      const version = new Y.Doc();
      Y.applyUpdate(version, state);
      saved.push(version.getText('body').toString());
    });
    const watch = keepEditsCrossingReplacement({
      room,
      replaced,
      applyEdits: async (state, edits) => stateWithCrossingEdits(state, edits),
      save,
      logger: pino({ level: 'silent' }),
    });
    peerEdit(typed(' x8'));
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.waitFor(() => expect(saved).toEqual(['replaced words x8']));
    // Two seconds later, from a browser that was busy putting the replacement in place: "x" typed meanwhile.
    await vi.advanceTimersByTimeAsync(2_000);
    peerEdit(typed(' x'));
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.waitFor(() => expect(saved).toEqual(['replaced words x8', 'replaced words x8 x']));
    await vi.advanceTimersByTimeAsync(CROSSING_EDITS_WINDOW_MS);
    await watch;
    expect(save).toHaveBeenCalledTimes(2);
  });

  it('ends without storing anything when no edit integrated, at the latest when its room goes', async () => {
    const { room, peerEdit } = standInRoom();
    const other = new Y.Doc();
    other.getText('body').insert(0, 'new content');
    const later = new Y.Doc();
    Y.applyUpdate(later, Y.encodeStateAsUpdate(other));
    later.getText('body').insert(11, ' typed after');
    const dependsOnNewContent = Y.encodeStateAsUpdate(later, Y.encodeStateVector(other));
    const save = vi.fn(async () => {});

    const watch = keepEditsCrossingReplacement({
      room,
      replaced: Y.encodeStateAsUpdate(new Y.Doc()),
      applyEdits: async (state, edits) => stateWithCrossingEdits(state, edits),
      save,
      logger: pino({ level: 'silent' }),
    });
    peerEdit(dependsOnNewContent);
    room.doc.destroy();
    await watch;
    expect(save).not.toHaveBeenCalled();
  });
});
