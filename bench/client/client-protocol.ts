// The messages between the harness and a client worker process (IPC with structured clone).
// Every request carries an id; the worker answers each with exactly one ClientReply of the same id.
import type { ClientKind } from '../server-targets';

interface Target {
  kind: ClientKind;
  wsUrl: string;
  doc: string;
}

export interface ClientCommands {
  /** Opens `count` passive readers (no awareness) on one doc and waits until all are synced. */
  'open-readers': {
    params: Target & { count: number; syncTimeoutMs: number };
    result: { syncMs: number };
  };
  /** Waits until every reader's text has `expectedLength` characters (or the timeout), then returns each
   * reader's arrival times from `fromSeq` on: arrivals[reader][seq - fromSeq] in wall-clock ms, null when never seen. */
  'collect-readers': {
    params: { fromSeq: number; expectedLength: number; timeoutMs: number };
    result: { arrivals: (number | null)[][] };
  };
  /** Opens the writer (with awareness, like an editing user), waits until it is synced, then pushes `seedUpdate`
   * (when not null) as one update: the document the readers will open. */
  'open-writer': {
    params: Target & { seedUpdate: Uint8Array | null; syncTimeoutMs: number };
    result: { syncMs: number };
  };
  /** Appends one character every intervalMs, `count` times; returns the wall-clock send time of each. */
  type: {
    params: { count: number; intervalMs: number };
    result: { sendTimes: number[] };
  };
  /** Connects, pushes `update` as one update message and, if asked, waits for Tandem's durable ack
   * covering it. Keeps the connection open as an idle holder when shouldKeepOpen. */
  seed: {
    params: Target & {
      update: Uint8Array;
      shouldAwaitAck: boolean;
      ackTimeoutMs: number;
      shouldKeepOpen: boolean;
      syncTimeoutMs: number;
    };
    result: { isAcked: boolean; pushMs: number };
  };
  /** A fresh client: time from opening the connection to `synced`, then compares the text. Also reports when
   * the socket opened and how long applying the same state takes this client, to split the time up. */
  load: {
    params: Target & { expectedText: string; timeoutMs: number };
    result: { syncMs: number; openMs: number; clientApplyMs: number; isEqual: boolean; length: number };
  };
  /** One HTTP request (the admin API): status, time from sending to the last body byte, size and SHA-256 of the
   * body, and the body itself when asked (always for an error status: it holds the message). */
  http: {
    params: {
      url: string;
      method: 'GET' | 'PUT';
      headers: Record<string, string>;
      body?: Uint8Array;
      shouldReturnBody: boolean;
      timeoutMs: number;
    };
    result: { status: number; ms: number; bytes: number; sha256: string; body?: Uint8Array };
  };
  /** Opens several writers on one doc (with awareness, like editing users), each on its own server and Y.Text,
   * and waits until all are synced. */
  'open-writers': {
    params: { kind: ClientKind; doc: string; writers: { wsUrl: string; textName: string }[]; syncTimeoutMs: number };
    result: { syncMs: number };
  };
  /** Every writer of open-writers appends one character every intervalMs, `count` times, the writers staggered
   * evenly over one interval; returns each writer's wall-clock send times (in open-writers order). */
  'type-writers': {
    params: { count: number; intervalMs: number };
    result: { sendTimes: number[][] };
  };
  /** Opens `count` passive readers on one doc, each watching several Y.Texts, and waits until all are synced. */
  'open-watchers': {
    params: Target & { count: number; textNames: string[]; syncTimeoutMs: number };
    result: { syncMs: number };
  };
  /** Waits until every watched text of every watcher has `expectedLength` characters, or nothing new arrived for
   * quietMs, or timeoutMs passed; then returns arrivals[watcher][text][seq - fromSeq] in wall-clock ms, null when
   * never seen. */
  'collect-watchers': {
    params: { fromSeq: number; expectedLength: number; quietMs: number; timeoutMs: number };
    result: { arrivals: (number | null)[][][] };
  };
  /** Closes every connection this worker holds. */
  'close-all': {
    params: Record<string, never>;
    result: Record<string, never>;
  };
}

export type ClientCommand = keyof ClientCommands;

export interface ClientRequest<C extends ClientCommand = ClientCommand> {
  id: number;
  command: C;
  params: ClientCommands[C]['params'];
}

export type ClientReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: string };

/** The Y.Text every scenario writes to and reads from. */
export const benchTextName = 'text';

/**
 * The machine's monotonic clock in ms (CLOCK_MONOTONIC, one clock for every process). Not performance.timeOrigin
 * plus performance.now(): each process samples the wall clock once at start, so two processes' readings can
 * differ by milliseconds, which showed up as negative latencies.
 */
export function nowMonotonicMs(): number {
  const [seconds, nanoseconds] = process.hrtime();
  return seconds * 1e3 + nanoseconds / 1e6;
}
