// The codec's check that a client's update frame is in the server's own encoding, so it may be relayed as it is.
import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeUpdate, isEncodedUpdate } from './codec';

function soleUpdate(frame: Uint8Array): Uint8Array {
  const decoded = decodeFrame(frame);
  if (!decoded.ok || decoded.messages.length !== 1 || decoded.messages[0]!.type !== 'update') throw new Error('not one update');
  return decoded.messages[0]!.update;
}

describe('isEncodedUpdate', () => {
  it('recognizes what encodeUpdate produces, across varint lengths', () => {
    for (const size of [1, 127, 128, 16_383, 16_384, 70_000]) {
      const frame = encodeUpdate(new Uint8Array(size).fill(7));
      expect(isEncodedUpdate(frame, soleUpdate(frame))).toBe(true);
    }
  });

  it('refuses a frame whose varints are padded (decodable, but not the bytes the server would send)', () => {
    // Message type 0 written as two bytes (0x80 0x00): lib0 reads it, but it is not the minimal encoding.
    const padded = new Uint8Array([0x80, 0x00, 2, 3, 1, 2, 3]);
    expect(isEncodedUpdate(padded, soleUpdate(padded))).toBe(false);
  });
});
