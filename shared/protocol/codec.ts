// The y-websocket wire codec: decodes a binary frame into plain messages (no side effects) and encodes the
// server's outgoing messages. Decoding never throws: malformed input comes back as { ok: false, reason }.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { AuthPermissionDenied, MessageType, SyncStep } from './message-types';

export type ClientMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | { type: 'sync-step2'; update: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' };

export type DecodeResult = { ok: true; messages: ClientMessage[] } | { ok: false; reason: string };

/**
 * Stock clients send one message per frame. A frame packed with thousands of one-byte requests would make the server
 * answer each of them from one rate-limited frame, so more than this many is a protocol violation.
 */
export const MAX_MESSAGES_PER_FRAME = 64;

/** Decodes every message of one frame (y-websocket may pack several into one). */
export function decodeFrame(frame: Uint8Array): DecodeResult {
  const decoder = decoding.createDecoder(frame);
  const messages: ClientMessage[] = [];
  try {
    while (decoding.hasContent(decoder)) {
      if (messages.length === MAX_MESSAGES_PER_FRAME) return { ok: false, reason: `more than ${MAX_MESSAGES_PER_FRAME} messages in one frame` };
      const type = decoding.readVarUint(decoder);
      switch (type) {
        case MessageType.Sync: {
          const step = decoding.readVarUint(decoder);
          const payload = readBytes(decoder);
          if (step === SyncStep.Step1) messages.push({ type: 'sync-step1', stateVector: payload });
          else if (step === SyncStep.Step2) messages.push({ type: 'sync-step2', update: payload });
          else if (step === SyncStep.Update) messages.push({ type: 'update', update: payload });
          else return { ok: false, reason: `unknown sync step ${step}` };
          break;
        }
        case MessageType.Awareness:
          messages.push({ type: 'awareness', update: readBytes(decoder) });
          break;
        case MessageType.QueryAwareness:
          messages.push({ type: 'query-awareness' });
          break;
        default:
          return { ok: false, reason: `unknown message type ${type}` };
      }
    }
  } catch (error) {
    return { ok: false, reason: `truncated or malformed frame (${(error as Error).message})` };
  }
  if (messages.length === 0) return { ok: false, reason: 'empty frame' };
  return { ok: true, messages };
}

/** Reads a length-prefixed byte array, refusing lengths that run past the frame. */
function readBytes(decoder: decoding.Decoder): Uint8Array {
  const length = decoding.readVarUint(decoder);
  if (length > decoder.arr.length - decoder.pos) throw new RangeError('length past end of frame');
  return decoding.readUint8Array(decoder, length);
}

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The state as JSON text; "null" removes the client. */
  stateJson: string;
}

/** Decodes a y-protocols awareness update into entries, or null if malformed. */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] | null {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > update.length) return null;
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const stateJson = decoding.readVarString(decoder);
      entries.push({ clientId, clock, stateJson });
    }
    if (decoding.hasContent(decoder)) return null;
    return entries;
  } catch {
    // Malformed bytes are a normal outcome of decoding untrusted input: the caller reports them.
    return null;
  }
}

export function encodeAwarenessUpdate(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.stateJson);
  }
  return encoding.toUint8Array(encoder);
}

function encodeWith(type: number, sub: number | null, payload: Uint8Array | null): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  if (sub !== null) encoding.writeVarUint(encoder, sub);
  if (payload !== null) encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export const encodeSyncStep1 = (stateVector: Uint8Array) => encodeWith(MessageType.Sync, SyncStep.Step1, stateVector);
export const encodeSyncStep2 = (update: Uint8Array) => encodeWith(MessageType.Sync, SyncStep.Step2, update);
export const encodeUpdate = (update: Uint8Array) => encodeWith(MessageType.Sync, SyncStep.Update, update);
export const encodeAwareness = (update: Uint8Array) => encodeWith(MessageType.Awareness, null, update);
export const encodeAck = (stateVector: Uint8Array) => encodeWith(MessageType.Ack, null, stateVector);

/** The update a frame made by encodeSyncStep2 carries: a view into the frame, not a copy. */
export function syncStep2Update(frame: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(frame);
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
  return decoding.readVarUint8Array(decoder);
}

/**
 * True when `frame` is exactly what encodeUpdate(update) produces, a client's frame that can go to peers as it is.
 * Each of its three varints is at least its minimal length, so a total of exactly the minimal length (with the
 * message type and sync step already decoded from it) means all three are minimal.
 */
export function isEncodedUpdate(frame: Uint8Array, update: Uint8Array): boolean {
  return frame.byteLength === 2 + varUintLength(update.byteLength) + update.byteLength;
}

function varUintLength(value: number): number {
  let length = 1;
  for (let rest = value; rest > 0x7f; rest = Math.floor(rest / 128)) length++;
  return length;
}

export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Auth);
  encoding.writeVarUint(encoder, AuthPermissionDenied);
  encoding.writeVarString(encoder, reason);
  return encoding.toUint8Array(encoder);
}
