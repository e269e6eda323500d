// Knows whether every edit made in this browser is committed on the server. Inserts are exact: the server's acks
// (message 100, opted into with `ack=1`) and its SyncStep1 carry its state vector, and an edit is saved once that
// covers this client's clock. Deletions advance no clock, so a delete-only change is confirmed by a round trip
// instead: the server answers a SyncStep1 only after committing everything it received before it (room.ts holds
// sync replies back while anything is uncommitted), so the reply to a step 1 sent after the change proves it.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MessageType, SyncStep } from '../../../shared/protocol/message-types';
import type { UnsavedLedger } from './unsaved-ledger';
import { createValueStore, type ValueStore } from './value-store';

export interface SaveTracker {
  /** True while some edit of this browser is not known to be committed by the server. */
  readonly hasUnsavedEdits: ValueStore<boolean>;
  destroy(): void;
}

export interface SaveTrackerDeps {
  readonly provider: WebsocketProvider;
  readonly ledger: UnsavedLedger;
  /** Resolves once IndexedDB has loaded this browser's earlier copy of the document into the doc. */
  readonly whenRestored: Promise<unknown>;
}

export function trackSaves({ provider, ledger, whenRestored }: SaveTrackerDeps): SaveTracker {
  const doc = provider.doc;
  const serverClocks = new Map<number, number>();
  const restoredClients = ledger.read();
  let trackedClients = new Set([doc.clientID, ...restoredClients]);
  let isRestored = restoredClients.length === 0;
  // Edits restored from an earlier page may include deletions we cannot see: confirm them with one round trip.
  let deleteSeq = restoredClients.length > 0 ? 1 : 0;
  let confirmedDeleteSeq = 0;
  // One entry per SyncStep1 sent on the current socket, oldest first: null for y-websocket's own handshake step,
  // else the deleteSeq that the reply will confirm.
  let pendingReplies: Array<number | null> = [];
  let isHandshakeDone = false;
  let isDestroyed = false;

  const hasUnsavedEdits = createValueStore(true);

  const hasUnsaved = (): boolean => {
    if (!isRestored || deleteSeq > confirmedDeleteSeq) return true;
    for (const client of trackedClients) {
      if (Y.getState(doc.store, client) > (serverClocks.get(client) ?? 0)) return true;
    }
    return false;
  };

  const report = () => {
    const unsaved = hasUnsaved();
    if (!unsaved) {
      ledger.clear();
      if (trackedClients.size > 1) trackedClients = new Set([doc.clientID]);
    }
    hasUnsavedEdits.set(unsaved);
  };

  const mergeServerVector = (encoded: Uint8Array) => {
    for (const [client, clock] of Y.decodeStateVector(encoded)) {
      if (clock > (serverClocks.get(client) ?? 0)) serverClocks.set(client, clock);
    }
  };

  const sendFenceIfNeeded = () => {
    const ws = provider.ws;
    if (isDestroyed || !isHandshakeDone || ws === null || !provider.wsconnected) return;
    if (deleteSeq <= confirmedDeleteSeq || pendingReplies.some((entry) => entry !== null)) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Sync);
    syncProtocol.writeSyncStep1(encoder, doc);
    ws.send(encoding.toUint8Array(encoder));
    pendingReplies.push(deleteSeq);
  };

  provider.messageHandlers[MessageType.Ack] = (_encoder, decoder) => {
    mergeServerVector(decoding.readVarUint8Array(decoder));
    report();
  };

  const handleSync = provider.messageHandlers[MessageType.Sync];
  if (handleSync === undefined) throw new Error('y-websocket has no sync message handler');
  provider.messageHandlers[MessageType.Sync] = (encoder, decoder, wsProvider, emitSynced, messageType) => {
    const peek = decoding.clone(decoder);
    const step = decoding.readVarUint(peek);
    if (step === SyncStep.Step1) mergeServerVector(decoding.readVarUint8Array(peek));
    handleSync(encoder, decoder, wsProvider, emitSynced, messageType);
    if (step === SyncStep.Step1) {
      isHandshakeDone = true;
      // After y-websocket has sent its SyncStep2 answer (it does so when this handler returns), so the fence
      // follows whatever the server lacked.
      queueMicrotask(sendFenceIfNeeded);
    } else if (step === SyncStep.Step2) {
      const confirmed = pendingReplies.shift();
      if (typeof confirmed === 'number') confirmedDeleteSeq = Math.max(confirmedDeleteSeq, confirmed);
      sendFenceIfNeeded();
    }
    report();
  };

  const onStatus = ({ status }: { status: string }) => {
    // y-websocket emits 'connected' just before it sends its handshake SyncStep1.
    pendingReplies = status === 'connected' ? [null] : [];
    isHandshakeDone = false;
  };
  const onClose = () => {
    pendingReplies = [];
    isHandshakeDone = false;
  };

  // Registered after y-websocket's own update listener, so the change is already on the socket when this runs.
  const onUpdate = (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    if (!transaction.local) return;
    const clientId = doc.clientID;
    const hasInserted = (transaction.afterState.get(clientId) ?? 0) > (transaction.beforeState.get(clientId) ?? 0);
    if (!hasInserted && transaction.deleteSet.clients.size === 0) return;
    ledger.add(clientId);
    trackedClients.add(clientId);
    if (!hasInserted) {
      deleteSeq++;
      queueMicrotask(sendFenceIfNeeded);
    }
    report();
  };

  provider.on('status', onStatus);
  provider.on('connection-close', onClose);
  doc.on('update', onUpdate);
  const markRestored = () => {
    isRestored = true;
    if (!isDestroyed) report();
  };
  whenRestored.then(markRestored, (error: unknown) => {
    // Without IndexedDB there is nothing restored to wait for; edits are then only as safe as the server makes them.
    console.warn('tandem: could not load the local copy of this document', error);
    markRestored();
  });
  report();

  return {
    hasUnsavedEdits,
    destroy() {
      isDestroyed = true;
      provider.off('status', onStatus);
      provider.off('connection-close', onClose);
      doc.off('update', onUpdate);
    },
  };
}
