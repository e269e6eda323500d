// New content (contentUpdate's one update, written into a fresh doc) cut into pieces that a live document takes one
// at a time, so the event loop can relay keystrokes between them: putting 10,000 paragraphs in place as one update
// held the server's loop for seconds. Yjs only.
//
// The cuts fall between top-level blocks, in clock order. In a fresh doc written by one client, every struct refers
// only to structs written before it (its neighbours existed when it was inserted), and a block's content is written
// right after the struct that embeds it in the root, before the next block. So the structs before a block's embed
// hold whole blocks and integrate on their own: each piece, applied after the ones before it, integrates completely,
// keeps nothing pending, and shows editors whole blocks only (a half-written block, its type still missing, made a
// bound editor rewrite it without end).
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { LEXICAL_ROOT_KEY } from './root-key';

/**
 * `content` as updates of whole top-level blocks, each of at least `structsPerPiece` structs where the content
 * allows (a block is never cut), in the order to apply them; the last one carries the content's delete set. Content
 * of more than one client, or small enough, comes back whole.
 */
export function contentPieces(content: Uint8Array, structsPerPiece: number): Uint8Array[] {
  const { structs } = Y.decodeUpdate(content);
  const first = structs[0];
  if (first === undefined || structs.length <= structsPerPiece) return [content];
  const client = first.id.client;
  if (structs.some((struct) => struct.id.client !== client || !(struct instanceof Y.Item))) return [content];
  const pieces: Uint8Array[] = [];
  const topLevelClocks = new Set<number>();
  let start = 0;
  for (let i = 0; i < structs.length; i++) {
    const struct = structs[i] as Y.Item;
    if (!isTopLevel(struct, topLevelClocks)) continue;
    for (let clock = struct.id.clock; clock < struct.id.clock + struct.length; clock++) topLevelClocks.add(clock);
    if (i - start < structsPerPiece) continue;
    pieces.push(encodeStructs(client, structs.slice(start, i)));
    start = i;
  }
  // The rest, with the delete set, is what the content holds from the rest's first clock on.
  pieces.push(start === 0 ? content : Y.diffUpdate(content, stateVectorAt(client, structs[start]!.id.clock)));
  return pieces;
}

/** The bytes of all `pieces`. */
export function byteLengthOf(pieces: readonly Uint8Array[]): number {
  return pieces.reduce((sum, piece) => sum + piece.byteLength, 0);
}

/**
 * Whether `struct` sits directly in the root: its parent is named as the root, or (Yjs then leaves the parent out)
 * the neighbour it was inserted next to sits there.
 */
function isTopLevel(struct: Y.Item, topLevelClocks: ReadonlySet<number>): boolean {
  // A decoded struct names a root type by its key; Yjs's type only knows the parents of integrated ones.
  if ((struct.parent as unknown) === LEXICAL_ROOT_KEY) return true;
  if (struct.parent !== null) return false;
  const neighbour = struct.origin ?? struct.rightOrigin;
  return neighbour !== null && topLevelClocks.has(neighbour.clock);
}

/** A v1 update of one client's consecutive structs and an empty delete set, laid out as Yjs writes one. */
function encodeStructs(client: number, structs: ReadonlyArray<Y.Item | Y.GC | Y.Skip>): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, 1); // clients
  encoding.writeVarUint(encoder.restEncoder, structs.length);
  encoder.writeClient(client);
  encoding.writeVarUint(encoder.restEncoder, structs[0]!.id.clock);
  for (const struct of structs) struct.write(encoder, 0);
  encoding.writeVarUint(encoder.restEncoder, 0); // delete set: no clients
  return encoder.toUint8Array();
}

/** A state vector holding one client at `clock`. */
function stateVectorAt(client: number, clock: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, clock);
  return encoding.toUint8Array(encoder);
}
