import { Awareness } from 'y-protocols/awareness';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { announceVersionsChanged, watchVersionsChanged } from './versions-signal';

/** Two peers whose awareness states reach each other, as through the server. */
function peers() {
  const ann = new Awareness(new Y.Doc());
  const ben = new Awareness(new Y.Doc());
  const relay = (from: Awareness, to: Awareness) => ({ added, updated }: { added: number[]; updated: number[] }) => {
    for (const clientId of [...added, ...updated]) {
      if (clientId !== from.clientID) continue;
      to.states.set(clientId, { ...from.getLocalState() });
      to.emit('change', [{ added: [], updated: [clientId], removed: [] }, 'remote']);
    }
  };
  ann.on('change', relay(ann, ben));
  ben.on('change', relay(ben, ann));
  return { ann, ben };
}

describe('versions signal', () => {
  it('tells the others, once per announcement, and never the announcer', () => {
    const { ann, ben } = peers();
    let annHeard = 0;
    let benHeard = 0;
    watchVersionsChanged(ann, () => annHeard++);
    watchVersionsChanged(ben, () => benHeard++);
    announceVersionsChanged(ann);
    expect([annHeard, benHeard]).toEqual([0, 1]);
    ann.setLocalStateField('cursor', 'moved');
    expect(benHeard).toBe(1);
  });

  it('does not repeat an announcement made before the panel opened', () => {
    const { ann, ben } = peers();
    announceVersionsChanged(ann);
    let benHeard = 0;
    watchVersionsChanged(ben, () => benHeard++);
    ann.setLocalStateField('cursor', 'moved');
    expect(benHeard).toBe(0);
  });
});
