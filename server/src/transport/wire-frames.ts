// WebSocket framing done once per message instead of once per peer. A server's frames are unmasked, so the bytes on
// the wire for one payload are the same for every peer: a broadcast frames its payload once and writes that buffer
// to each peer's TCP socket, skipping ws's per-send framing (an options object, a header buffer, a cork/uncork pair).
// Only for sockets without extensions: with permessage-deflate, ws may queue frames, and a direct write would jump
// the queue.
import type { Duplex } from 'node:stream';
import type { WebSocket as RawWebSocket } from 'ws';

const OPCODE_BINARY = 0x2;
const FIN = 0x80;

/** Frames payloads for the wire, each payload once (the same object sent to many peers is framed the first time). */
export class WireFrames {
  private readonly framed = new WeakMap<Uint8Array, Buffer>();

  /** `payload` as one unmasked, final, binary WebSocket frame. */
  frameOf(payload: Uint8Array): Buffer {
    let frame = this.framed.get(payload);
    if (frame === undefined) {
      frame = encodeBinaryFrame(payload);
      this.framed.set(payload, frame);
    }
    return frame;
  }
}

/** RFC 6455 §5.2: FIN + opcode, then the length in 7 bits, or 126 + 16 bits, or 127 + 64 bits; no mask. */
export function encodeBinaryFrame(payload: Uint8Array): Buffer {
  const length = payload.byteLength;
  const headerBytes = length < 126 ? 2 : length <= 0xffff ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerBytes + length);
  frame[0] = FIN | OPCODE_BINARY;
  if (headerBytes === 2) {
    frame[1] = length;
  } else if (headerBytes === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  frame.set(payload, headerBytes);
  return frame;
}

/**
 * The TCP socket under `ws`, when frames may be written to it directly: no extension negotiated (so ws never holds
 * frames back to compress them). Null otherwise; the caller then sends through ws.
 */
export function directSocketOf(ws: RawWebSocket): Duplex | null {
  if (ws.extensions !== '') return null;
  // `_socket` is ws's field for the upgraded socket (set once the handshake completes, for the socket's lifetime).
  const socket = (ws as unknown as { _socket?: Duplex })._socket;
  return socket && typeof socket.write === 'function' ? socket : null;
}
