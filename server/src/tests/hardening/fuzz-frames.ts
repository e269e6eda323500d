// fast-check arbitraries for fuzzing /collab: random bytes, random envelopes, and real y-websocket frames (updates,
// state vectors, awareness) truncated, bit-flipped or spliced, alone (`singleFrame`) or packed together (`packedFrame`).
import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { awarenessFrame, awarenessUpdateOf, frameOf, syncStep1Frame, updateFrame } from './attacker';

// --- seed material: real frames of every kind the protocol has ---------------------------------------------

function seedUpdates(): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const doc = new Y.Doc();
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const text = doc.getText('fuzz');
  text.insert(0, 'hello fuzz');
  text.format(0, 5, { bold: true });
  text.insertEmbed(3, { image: 'x.png' });
  text.delete(2, 4);
  const map = doc.getMap('fuzz-map');
  map.set('n', 1);
  map.set('bin', new Uint8Array([1, 2, 3]));
  map.set('nested', new Y.Map());
  map.set('sub', new Y.Doc());
  map.delete('n');
  const array = doc.getArray('fuzz-array');
  array.insert(0, [1, 'two', { three: [3] }, null, true, 2.5]);
  array.delete(1, 2);
  const xml = doc.getXmlFragment('fuzz-xml');
  const element = new Y.XmlElement('p');
  element.setAttribute('class', 'c');
  xml.insert(0, [element, new Y.XmlText('xml text')]);
  element.insert(0, [new Y.XmlText('inner')]);
  updates.push(Y.encodeStateAsUpdate(doc));
  updates.push(Y.mergeUpdates(updates.slice(0, 5)));
  return updates;
}

const UPDATES = seedUpdates();
const STATE_VECTORS = [new Uint8Array([0]), Y.encodeStateVector(new Y.Doc()), new Uint8Array([2, 1, 5, 200, 1, 7])];
const AWARENESS = (() => {
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({ name: 'Fuzz', cursor: { anchor: 1, head: 2 } });
  const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
  awareness.destroy();
  return update;
})();

const validFrames: Uint8Array[] = [
  ...UPDATES.map(updateFrame),
  ...UPDATES.map((u) => frameOf((e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, u);
  })),
  ...STATE_VECTORS.map(syncStep1Frame),
  awarenessFrame(AWARENESS),
  new Uint8Array([3]),
];

// --- arbitraries --------------------------------------------------------------------------------------------

const bytes = (maxLength: number) => fc.uint8Array({ maxLength });

/** Truncations, byte flips, insertions and deletions applied to `base`. */
const mutated = (base: fc.Arbitrary<Uint8Array>) =>
  fc.tuple(base, fc.array(fc.tuple(fc.constantFrom('flip', 'set', 'insert', 'delete', 'truncate'), fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }))
    .map(([frame, mutations]) => {
      let out = Array.from(frame);
      for (const [kind, at, value] of mutations) {
        const i = out.length === 0 ? 0 : at % out.length;
        if (kind === 'flip' && out.length > 0) out[i] = out[i]! ^ (1 << (value % 8));
        else if (kind === 'set' && out.length > 0) out[i] = value;
        else if (kind === 'insert') out.splice(i, 0, value);
        else if (kind === 'delete') out.splice(i, 1);
        else if (kind === 'truncate') out = out.slice(0, i);
      }
      return new Uint8Array(out);
    });

const envelope = fc.tuple(
  fc.oneof(fc.constantFrom(0, 1, 2, 3, 100), fc.nat({ max: 2 ** 31 })),
  fc.option(fc.nat({ max: 5 }), { nil: undefined }),
  bytes(64),
  fc.boolean(),
).map(([type, step, payload, honestLength]) => frameOf((e) => {
  encoding.writeVarUint(e, type);
  if (step !== undefined) encoding.writeVarUint(e, step);
  encoding.writeVarUint(e, honestLength ? payload.byteLength : payload.byteLength + 7);
  encoding.writeUint8Array(e, payload);
}));

/** A valid envelope around a damaged Yjs update: exercises Yjs decoding and integration, not the codec. */
const damagedUpdate = fc.tuple(mutated(fc.constantFrom(...UPDATES)), fc.constantFrom(1, 2)).map(([update, step]) => frameOf((e) => {
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, step);
  encoding.writeVarUint8Array(e, update);
}));

const awarenessState = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(null), fc.string({ maxLength: 40 }).map((s) => ({ name: s })));
const structuredAwareness = fc.array(
  fc.record({ clientId: fc.oneof(fc.nat({ max: 20 }), fc.nat()), clock: fc.nat(), state: awarenessState }),
  { maxLength: 6 },
).map((entries) => awarenessFrame(awarenessUpdateOf(entries)));

export const singleFrame = fc.oneof(
  { weight: 2, arbitrary: bytes(96) },
  { weight: 2, arbitrary: envelope },
  { weight: 4, arbitrary: mutated(fc.constantFrom(...validFrames)) },
  { weight: 5, arbitrary: damagedUpdate },
  { weight: 2, arbitrary: structuredAwareness },
  { weight: 1, arbitrary: fc.constantFrom(...validFrames) },
);

export const packedFrame = fc.array(singleFrame, { minLength: 2, maxLength: 4 }).map((frames) => {
  const out = new Uint8Array(frames.reduce((n, f) => n + f.byteLength, 0));
  let offset = 0;
  for (const f of frames) {
    out.set(f, offset);
    offset += f.byteLength;
  }
  return out;
});
