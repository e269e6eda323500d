// The document's changes of the last few seconds, written to localStorage synchronously as the page goes away, and
// applied again when the page's IndexedDB copy is next loaded (see local-copy.ts): IndexedDB writes wait for their
// batch (store-in-batches.ts) and finish a moment later, and leaving the page cancels the unfinished ones.
// Every change counts, the server's as much as this page's: edits typed here build on what the server sent. A page
// reloaded offline moments after it opened had this page's letters but not the paragraph the server had sent them
// into, so Yjs held them back as missing their dependencies and the page said the document was not on this device.
import * as Y from 'yjs';
import { whenPageGoes } from './when-page-goes';

/** Changes at most this old may still be on their way into IndexedDB (waiting for their batch, or being written). */
export const IN_FLIGHT_MS = 3_000;

export interface LastMomentCopy {
  /** Applies what the previous page kept (a no-op for changes IndexedDB did store), then forgets it. */
  restore(): void;
  forget(): void;
  destroy(): void;
}

/**
 * Keeps the changes of `doc` made in the last IN_FLIGHT_MS in `storage` under `key` when the page is hidden or left.
 * `isStored` tells the changes that came out of IndexedDB itself by their origin: those are stored already.
 */
export function createLastMomentCopy(doc: Y.Doc, storage: Storage, key: string, isStored: (origin: unknown) => boolean): LastMomentCopy {
  let recent: Array<{ at: number; update: Uint8Array }> = [];
  const dropOld = () => {
    const cutoff = performance.now() - IN_FLIGHT_MS;
    recent = recent.filter((entry) => entry.at >= cutoff);
  };
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (isStored(origin)) return;
    dropOld();
    recent.push({ at: performance.now(), update });
  };
  const save = () => {
    dropOld();
    if (recent.length === 0) return;
    try {
      storage.setItem(key, toBase64(Y.mergeUpdates(recent.map((entry) => entry.update))));
    } catch (error) {
      console.warn('tandem: could not keep the latest edits', error);
    }
  };
  doc.on('update', onUpdate);
  const stopWhenPageGoes = whenPageGoes(save);
  return {
    restore() {
      const kept = storage.getItem(key);
      if (kept === null) return;
      storage.removeItem(key);
      try {
        Y.applyUpdate(doc, fromBase64(kept), key);
      } catch (error) {
        console.warn('tandem: the latest edits kept by the previous page could not be read', error);
      }
    },
    forget() {
      recent = [];
      storage.removeItem(key);
    },
    destroy() {
      doc.off('update', onUpdate);
      stopWhenPageGoes();
    },
  };
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}
