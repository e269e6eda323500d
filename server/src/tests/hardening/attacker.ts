// Raw `ws` sockets for the hardening tests: an attacker that sends arbitrary frames and records how the server
// answers (frames, close code), plus builders for y-websocket frames and a probe for refused upgrades.
import WebSocket from 'ws';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { vi } from 'vitest';

export interface AttackerOptions {
  params?: Record<string, string>;
  headers?: Record<string, string>;
  /** Source address of the connection (any 127.x.y.z works on Linux), to look like another client IP. */
  localAddress?: string;
}

export interface Closed {
  code: number;
  reason: string;
}

export interface Attacker {
  ws: WebSocket;
  /** Every binary frame the server sent, in order. */
  frames: Uint8Array[];
  /** Resolves once the server sent its first frame (its SyncStep1): the session has joined the room. */
  joined: Promise<void>;
  closed: Promise<Closed>;
  /** Set once `closed` resolved. */
  closedWith: Closed | null;
  send(frame: Uint8Array | string): void;
  /** Resolves 'open' when a ping came back (every frame sent before it was handled) or 'closed' if the socket closed. */
  roundTrip(timeoutMs?: number): Promise<'open' | 'closed'>;
}

export function attackerUrl(wsUrl: string, doc: string, params: Record<string, string> = {}): string {
  const query = new URLSearchParams(params).toString();
  return `${wsUrl}/${doc}${query ? `?${query}` : ''}`;
}

export function openAttacker(wsUrl: string, doc: string, options: AttackerOptions = {}): Attacker {
  const ws = new WebSocket(attackerUrl(wsUrl, doc, options.params), {
    headers: options.headers,
    localAddress: options.localAddress,
    maxPayload: 256 * 1024 * 1024,
  });
  const frames: Uint8Array[] = [];
  let markJoined: () => void = () => {};
  const joined = new Promise<void>((resolve) => (markJoined = resolve));
  const attacker: Attacker = {
    ws,
    frames,
    joined,
    closedWith: null,
    closed: new Promise<Closed>((resolve) => {
      ws.on('close', (code, reason) => {
        attacker.closedWith = { code, reason: reason.toString() };
        resolve(attacker.closedWith);
      });
    }),
    send(frame) {
      if (ws.readyState === WebSocket.OPEN) ws.send(frame, { binary: typeof frame !== 'string' });
    },
    roundTrip(timeoutMs = 5_000) {
      if (ws.readyState !== WebSocket.OPEN) return attacker.closed.then(() => 'closed' as const);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no pong and no close within ${timeoutMs} ms`)), timeoutMs);
        const done = (result: 'open' | 'closed') => {
          clearTimeout(timer);
          ws.off('pong', onPong);
          resolve(result);
        };
        const onPong = () => done('open');
        ws.on('pong', onPong);
        void attacker.closed.then(() => done('closed'));
        ws.ping();
      });
    },
  };
  ws.on('message', (data: Buffer, isBinary) => {
    if (!isBinary) return;
    frames.push(new Uint8Array(data));
    markJoined();
  });
  // Errors (a refused upgrade, a reset) also end in 'close'; the tests look at the close code.
  ws.on('error', () => {});
  return attacker;
}

/** Opens an attacker and waits until its session has joined the room. */
export async function joinedAttacker(wsUrl: string, doc: string, options: AttackerOptions = {}): Promise<Attacker> {
  const attacker = openAttacker(wsUrl, doc, options);
  const result = await Promise.race([attacker.joined.then(() => 'joined' as const), attacker.closed]);
  if (result !== 'joined') throw new Error(`attacker was closed before joining: ${JSON.stringify(result)}`);
  return attacker;
}

/** How the server closed the attacker; throws if it is still open after `timeoutMs`. */
export function closedWithin(attacker: Attacker, timeoutMs = 5_000): Promise<Closed> {
  return vi.waitFor(() => {
    if (!attacker.closedWith) throw new Error(`still open after ${timeoutMs} ms`);
    return attacker.closedWith;
  }, { timeout: timeoutMs, interval: 5 });
}

export async function expectClosedWith(attacker: Attacker, code: number, timeoutMs = 5_000): Promise<Closed> {
  const closed = await closedWithin(attacker, timeoutMs);
  if (closed.code !== code) throw new Error(`closed with ${closed.code} (${closed.reason}), want ${code}`);
  return closed;
}

/** Sends `frames` in batches until the server closes the connection (a rate limit must trip however slowly the
 *  server reads), and returns how it closed it. */
export async function floodUntilClosed(attacker: Attacker, frames: readonly Uint8Array[], batch = 250): Promise<Closed> {
  for (let i = 0; i < frames.length && attacker.closedWith === null; i += batch) {
    for (const frame of frames.slice(i, i + batch)) attacker.send(frame);
    await attacker.roundTrip(10_000);
  }
  return closedWithin(attacker);
}

/** The HTTP status of a refused upgrade, or 101 if the upgrade went through. */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      response.resume();
      ws.terminate();
    });
    ws.on('upgrade', () => {
      resolve(101);
      ws.terminate();
    });
    ws.on('error', (error) => {
      if (ws.readyState === WebSocket.CLOSED || ws.readyState === WebSocket.CLOSING) return;
      reject(error);
    });
  });
}

// --- frames ---------------------------------------------------------------------------------------------------

export function frameOf(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export const syncStep1Frame = (stateVector: Uint8Array) =>
  frameOf((e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint8Array(e, stateVector);
  });

export const updateFrame = (update: Uint8Array) =>
  frameOf((e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, update);
  });

export const awarenessFrame = (awarenessUpdate: Uint8Array) =>
  frameOf((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, awarenessUpdate);
  });

/** A y-protocols awareness update with the given entries; `state: null` removes the client. */
export function awarenessUpdateOf(entries: Array<{ clientId: number; clock: number; state: unknown }>): Uint8Array {
  return frameOf((e) => {
    encoding.writeVarUint(e, entries.length);
    for (const entry of entries) {
      encoding.writeVarUint(e, entry.clientId);
      encoding.writeVarUint(e, entry.clock);
      encoding.writeVarString(e, JSON.stringify(entry.state));
    }
  });
}

export type ServerMessage =
  | { type: 'sync'; step: number; payload: Uint8Array }
  | { type: 'awareness'; payload: Uint8Array }
  | { type: 'auth'; denied: boolean; reason: string }
  | { type: 'other'; code: number };

/** Decodes one frame the server sent (the server sends one message per frame). */
export function parseServerFrame(frame: Uint8Array): ServerMessage {
  const decoder = decoding.createDecoder(frame);
  const type = decoding.readVarUint(decoder);
  if (type === 0) {
    const step = decoding.readVarUint(decoder);
    return { type: 'sync', step, payload: decoding.readVarUint8Array(decoder) };
  }
  if (type === 1) return { type: 'awareness', payload: decoding.readVarUint8Array(decoder) };
  if (type === 2) {
    const denied = decoding.readVarUint(decoder) === 0;
    return { type: 'auth', denied, reason: decoding.readVarString(decoder) };
  }
  return { type: 'other', code: type };
}

/**
 * Sends frames over `lanes` connections at once, replacing each connection the server closes with a spare opened
 * ahead of time. For fuzzing, where most frames end their connection. Counts the close codes.
 */
export class LanePool {
  readonly closes = new Map<number, number>();
  cases = 0;
  private readonly spares: Array<Promise<Attacker>> = [];
  private readonly open: Array<Attacker | null>;

  constructor(
    private readonly wsUrl: string,
    private readonly doc: string,
    readonly lanes: number,
    spares = lanes + 4,
  ) {
    this.open = Array.from({ length: lanes }, () => null);
    for (let i = 0; i < spares; i++) this.addSpare();
  }

  /** Sends frame i on lane i; resolves once each was handled (pong) or its connection closed, with the closes. */
  async send(frames: readonly Uint8Array[]): Promise<Array<{ frame: Uint8Array; closed: Closed | null }>> {
    if (frames.length > this.lanes) throw new Error(`at most ${this.lanes} frames at once`);
    return Promise.all(frames.map(async (frame, lane) => {
      const attacker = await this.connection(lane);
      attacker.send(frame);
      const outcome = await attacker.roundTrip(10_000);
      this.cases++;
      if (outcome === 'open') return { frame, closed: null };
      const closed = attacker.closedWith!;
      this.closes.set(closed.code, (this.closes.get(closed.code) ?? 0) + 1);
      return { frame, closed };
    }));
  }

  async sendAll(frames: readonly Uint8Array[]): Promise<void> {
    for (let i = 0; i < frames.length; i += this.lanes) await this.send(frames.slice(i, i + this.lanes));
  }

  close(): void {
    for (const attacker of this.open) attacker?.ws.terminate();
    for (const spare of this.spares) void spare.then((a) => a.ws.terminate(), () => {});
  }

  private async connection(lane: number): Promise<Attacker> {
    let current = this.open[lane];
    // A spare can have been closed while it waited (a handshake timeout): take the next one then.
    while (!current || current.closedWith !== null) {
      this.addSpare();
      current = await this.spares.shift()!;
      this.open[lane] = current;
    }
    return current;
  }

  private addSpare(): void {
    const spare = joinedAttacker(this.wsUrl, this.doc);
    spare.catch(() => {}); // awaited when taken; a pool closed early must not leave an unhandled rejection
    this.spares.push(spare);
  }
}
