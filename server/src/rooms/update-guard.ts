// Whether a client's Yjs update may go straight to Y.applyUpdate or must be decoded in full first.
import * as decoding from 'lib0/decoding';

/**
 * True when Yjs can apply `update` (v1) without decoding it first: it carries the structs of at most one client,
 * and claims no more of them than it has bytes. Y.applyUpdate sizes an array by each client's claimed struct count
 * before it reads a single struct, so a corrupted count costs it tens of milliseconds and as many megabytes, where
 * Y.decodeUpdate fails at once. With several clients, the later counts sit behind the earlier clients' structs, so
 * such updates are decoded in full first. Everything else Yjs reads before integrating anything.
 */
export function canApplyDirectly(update: Uint8Array): boolean {
  const decoder = decoding.createDecoder(update);
  try {
    const clients = decoding.readVarUint(decoder);
    if (clients === 0) return true;
    if (clients > 1) return false;
    return decoding.readVarUint(decoder) <= update.byteLength;
  } catch {
    return false;
  }
}
