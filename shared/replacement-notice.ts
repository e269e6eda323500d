// The last time a document's whole content was replaced from outside the editor (a version restored, a file
// imported), kept in the document itself: a small Y.Map beside Lexical's root, so every client learns of it through
// the ordinary sync, on any instance, even after being offline. Editors then drop their undo history, which pointed
// at the replaced text (undoing into it brought back fragments of the old document), and tell the person what
// happened. Nothing renders the map: exports and the editor's content read only Lexical's root.
import * as Y from 'yjs';

/** Name of the top-level Y.Map that holds the notice. */
export const DOCUMENT_EVENTS_KEY = 'tandem';
const LAST_REPLACEMENT = 'lastReplacement';

export interface ReplacementNotice {
  readonly kind: 'restore' | 'import';
  /** The restored version's name (its label, or its time), or null for an import. */
  readonly version: string | null;
  /**
   * When the restored version has no label: the time it was taken (ms since the epoch), so that pages name it in
   * their own time zone, as their history lists it, rather than by `version`'s UTC time. Null otherwise.
   */
  readonly versionAt: number | null;
  /** Who did it, when the server knows. */
  readonly author: string | null;
  /** Server time, ms since the epoch. */
  readonly at: number;
}

/**
 * A notice as the document holds it. A large replacement arrives in pieces over a few seconds: the notice is recorded
 * just before its first change (`isComplete` false) and again after its last, so editors can hold typing until the
 * new content is in place. A notice without the field (written before it existed) is complete.
 */
export interface RecordedReplacement extends ReplacementNotice {
  readonly isComplete: boolean;
}

/** Records `notice` in `doc`, as its own transaction tagged with `origin`. */
export function recordReplacement(doc: Y.Doc, notice: RecordedReplacement, origin: unknown): void {
  doc.transact(() => doc.getMap(DOCUMENT_EVENTS_KEY).set(LAST_REPLACEMENT, { ...notice }), origin);
}

/** The notice in `doc`, or null when there is none or it is not one (a peer may write anything). */
export function readReplacement(doc: Y.Doc): RecordedReplacement | null {
  const value: unknown = doc.getMap(DOCUMENT_EVENTS_KEY).get(LAST_REPLACEMENT);
  if (typeof value !== 'object' || value === null) return null;
  const { kind, version, versionAt, author, at, isComplete } = value as Record<string, unknown>;
  if ((kind !== 'restore' && kind !== 'import') || typeof at !== 'number') return null;
  return {
    kind,
    version: typeof version === 'string' ? version : null,
    versionAt: typeof versionAt === 'number' ? versionAt : null,
    author: typeof author === 'string' ? author : null,
    at,
    isComplete: isComplete !== false,
  };
}

/** Calls `onChange` whenever the notice changes (not for what `doc` already holds). Returns the unsubscribe. */
export function watchReplacement(doc: Y.Doc, onChange: (notice: RecordedReplacement | null) => void): () => void {
  const map = doc.getMap(DOCUMENT_EVENTS_KEY);
  const observer = (event: Y.YMapEvent<unknown>): void => {
    if (event.keysChanged.has(LAST_REPLACEMENT)) onChange(readReplacement(doc));
  };
  map.observe(observer);
  return () => map.unobserve(observer);
}
