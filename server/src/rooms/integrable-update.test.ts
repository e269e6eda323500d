// Which updates may be committed before they are applied: exactly those Yjs will integrate completely at once.
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { isIntegrableAppend } from './integrable-update';

/** A server document and a client that has everything the server has (the state after a sync). */
function syncedPair(initial = 'hello') {
  const server = new Y.Doc();
  const client = new Y.Doc();
  client.getText('t').insert(0, initial);
  Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
  return { server, client };
}

/** The update `change` makes on `doc`. */
function updateOf(doc: Y.Doc, change: () => void): Uint8Array {
  let update: Uint8Array | null = null;
  const capture = (u: Uint8Array) => {
    update = u;
  };
  doc.on('update', capture);
  change();
  doc.off('update', capture);
  if (update === null) throw new Error('the change produced no update');
  return update;
}

/** A synced pair, then a third client's 'unknown ' at the start, which reaches the client but not the server. */
function pairWhereOnlyTheClientSawAStranger() {
  const pair = syncedPair();
  const stranger = new Y.Doc();
  Y.applyUpdate(stranger, Y.encodeStateAsUpdate(pair.client));
  stranger.getText('t').insert(0, 'unknown ');
  Y.applyUpdate(pair.client, Y.encodeStateAsUpdate(stranger));
  return pair;
}

/** Applies `update` and reports whether Yjs integrated all of it (nothing pending). */
function integratesCompletely(doc: Y.Doc, update: Uint8Array): boolean {
  Y.applyUpdate(doc, update);
  return doc.store.pendingStructs === null && doc.store.pendingDs === null;
}

/** `update` is accepted, and applying it integrates all of it into `server`, leaving `text`. */
function expectAcceptedAndApplied(server: Y.Doc, update: Uint8Array, text: string): void {
  expect(isIntegrableAppend(server, update)).toBe(true);
  expect(integratesCompletely(server, update)).toBe(true);
  expect(server.getText('t').toString()).toBe(text);
}

describe('isIntegrableAppend', () => {
  it('accepts a keystroke that continues what the server has', () => {
    const { server, client } = syncedPair();
    const keystroke = updateOf(client, () => client.getText('t').insert(5, '!'));
    expectAcceptedAndApplied(server, keystroke, 'hello!');
  });

  it('accepts a replacement: new text and the deletion of known text', () => {
    const { server, client } = syncedPair();
    const replace = updateOf(client, () => {
      client.transact(() => {
        client.getText('t').delete(0, 5);
        client.getText('t').insert(0, 'howdy');
      });
    });
    expectAcceptedAndApplied(server, replace, 'howdy');
  });

  it('accepts the first update of a new client that refers to another client’s text', () => {
    const { server } = syncedPair();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(server));
    const insert = updateOf(other, () => other.getText('t').insert(2, 'XY'));
    expectAcceptedAndApplied(server, insert, 'heXYllo');
  });

  it('refuses an update that skips one the server never received (a gap in its clock)', () => {
    const { server, client } = syncedPair();
    updateOf(client, () => client.getText('t').insert(5, ' there'));
    const second = updateOf(client, () => client.getText('t').insert(11, '!'));
    expect(isIntegrableAppend(server, second)).toBe(false);
  });

  it('refuses an update the server already has, in part or whole (an overlap)', () => {
    const { server, client } = syncedPair();
    expect(isIntegrableAppend(server, Y.encodeStateAsUpdate(client))).toBe(false);
  });

  it('refuses an insert next to text of a client the server has not seen', () => {
    const { server, client } = pairWhereOnlyTheClientSawAStranger();
    // The client now types right after the stranger's text, which the server lacks.
    const dependent = updateOf(client, () => client.getText('t').insert(8, '>'));
    expect(isIntegrableAppend(server, dependent)).toBe(false);
    expect(integratesCompletely(server, dependent)).toBe(false);
  });

  it('refuses a deletion of content the server does not know', () => {
    const { server, client } = pairWhereOnlyTheClientSawAStranger();
    const update = updateOf(client, () => {
      client.transact(() => {
        client.getText('t').delete(0, 3);
        client.getText('t').insert(client.getText('t').length, '.');
      });
    });
    expect(isIntegrableAppend(server, update)).toBe(false);
  });

  it('refuses structs of several clients, deletions alone, and bytes that are not an update', () => {
    const { server, client } = syncedPair();
    const stranger = new Y.Doc();
    stranger.getText('t').insert(0, 'x');
    client.getText('t').insert(0, 'y');
    const twoClients = Y.mergeUpdates([Y.encodeStateAsUpdate(client), Y.encodeStateAsUpdate(stranger)]);
    expect(isIntegrableAppend(server, twoClients)).toBe(false);

    const { server: server2, client: client2 } = syncedPair();
    const deletion = updateOf(client2, () => client2.getText('t').delete(0, 1));
    expect(isIntegrableAppend(server2, deletion)).toBe(false);

    expect(isIntegrableAppend(server, new Uint8Array([1, 200, 3]))).toBe(false);
    expect(isIntegrableAppend(server, new Uint8Array(0))).toBe(false);
  });

  it('refuses a struct whose origin lies ahead of its own clock (Yjs would fail midway)', () => {
    const { server, client } = syncedPair();
    const clientId = client.clientID;
    const clock = Y.getState(server.store, clientId);
    // One string item of `clientId` at `clock`, whose left origin is a later clock of the same client.
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1); // one client
    encoding.writeVarUint(encoder, 1); // one struct
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeUint8(encoder, 0b1000_0100); // has origin, ContentString
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock + 10);
    encoding.writeVarString(encoder, 'z');
    encoding.writeVarUint(encoder, 0); // empty delete set
    const forged = encoding.toUint8Array(encoder);
    expect(Y.decodeUpdate(forged).structs).toHaveLength(1);
    expect(isIntegrableAppend(server, forged)).toBe(false);
  });
});
