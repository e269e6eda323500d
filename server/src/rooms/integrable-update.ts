// Whether a client's Yjs update (v1) will integrate completely into a document at once: decided from the decoded
// update and the document's state, before anything is applied. Reads the document, never changes it.
import * as Y from 'yjs';

/**
 * True when `update` adds new structs of exactly one client, starting right at the clock the document has for that
 * client, and every struct references only content the document holds by then, and every deleted range is known by
 * then. Yjs then integrates all of it in one pass, keeps nothing pending and emits it as a change, so the update can
 * be committed and broadcast as received before it is applied (a keystroke). False for anything else (overlaps,
 * gaps, garbage-collected runs, references to unknown content, several clients, bytes that do not decode): those take
 * the general path, which applies first and commits what Yjs reports.
 */
export function isIntegrableAppend(doc: Y.Doc, update: Uint8Array): boolean {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return false; // not an update: the general path rejects it
  }
  const { structs, ds } = decoded;
  const first = structs[0];
  if (first === undefined) return false;
  const client = first.id.client;
  const store = doc.store;
  let clock = Y.getState(store, client);
  for (const struct of structs) {
    // One client, no gap and no overlap: each struct starts where the document (with the structs before it) ends.
    if (!(struct instanceof Y.Item) || struct.id.client !== client || struct.id.clock !== clock) return false;
    if (!isKnown(struct.origin, store, client, clock) || !isKnown(struct.rightOrigin, store, client, clock)) return false;
    if (struct.parent instanceof Y.ID && !isKnown(struct.parent, store, client, clock)) return false;
    clock += struct.length;
  }
  for (const [deletedClient, ranges] of ds.clients) {
    const known = deletedClient === client ? clock : Y.getState(store, deletedClient);
    for (const range of ranges) {
      if (range.clock + range.len > known) return false;
    }
  }
  return true;
}

/** An id the document holds once `client`'s structs up to `clientClock` are integrated (null: no reference). */
function isKnown(id: Y.ID | null, store: Y.Doc['store'], client: number, clientClock: number): boolean {
  if (id === null) return true;
  return id.clock < (id.client === client ? clientClock : Y.getState(store, id.client));
}
