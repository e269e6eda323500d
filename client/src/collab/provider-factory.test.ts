import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { relayOwnAwareness } from './provider-factory';

/** What goes out, in order: the document's updates and the awareness changes relayed. */
function wire(doc: Y.Doc) {
  const sent: string[] = [];
  doc.on('update', () => sent.push('update'));
  const relay = relayOwnAwareness(doc, (changes) => sent.push(`awareness ${[...changes.added, ...changes.updated, ...changes.removed].join(',')}`));
  return { sent, relay };
}

describe('relayOwnAwareness', () => {
  it('sends a caret moved inside a document change after that change', () => {
    const doc = new Y.Doc();
    const { sent, relay } = wire(doc);
    const own = doc.clientID;
    // As @lexical/yjs does: the letter and the caret's new place in one transaction.
    doc.transact(() => {
      doc.getText('t').insert(0, 'a');
      relay({ added: [], updated: [own], removed: [] }, 'local');
      relay({ added: [], updated: [own], removed: [] }, 'local');
    });
    expect(sent).toEqual(['update', `awareness ${own}`]);
  });

  it('sends a change made outside any transaction at once, and only this client\'s', () => {
    const doc = new Y.Doc();
    const { sent, relay } = wire(doc);
    const own = doc.clientID;
    relay({ added: [own + 1], updated: [], removed: [] }, 'remote');
    expect(sent).toEqual([]);
    relay({ added: [own], updated: [own + 2], removed: [] }, 'local');
    expect(sent).toEqual([`awareness ${own}`]);
    doc.getText('t').insert(0, 'b');
    relay({ added: [], updated: [], removed: [own] }, 'local');
    expect(sent).toEqual([`awareness ${own}`, 'update', `awareness ${own}`]);
  });
});
