// Whether a client's update would add content to the room's document, or only deletes or repeats what it holds.
// The size limit refuses growth: a reconnecting client's SyncStep2 repeats the whole delete set, and deleting text
// is how people make room, so neither may be refused just because the document is near its limit.
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

/**
 * True when `update` (v1) holds a struct the document does not have yet. False for an update of deletions and of
 * structs the document already holds. An update that does not decode counts as adding: it is refused either way.
 * Copies the update's new part, so it is meant for the rare update the cheap size estimate would refuse, not for
 * every keystroke.
 */
export function addsStructs(update: Uint8Array, doc: Y.Doc): boolean {
  try {
    const newPart = Y.diffUpdate(update, Y.encodeStateVector(doc));
    // A v1 update opens with the number of clients whose structs it holds.
    return decoding.readVarUint(decoding.createDecoder(newPart)) > 0;
  } catch {
    return true;
  }
}
