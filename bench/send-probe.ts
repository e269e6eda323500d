// The harness side of bench/server-probe.cjs (`--probe`): preloads the probe into a server, starts and stops its
// recording around the timed keystrokes, and reads what it measured.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const probeModule = path.join(path.dirname(fileURLToPath(import.meta.url)), 'server-probe.cjs');
const resultTimeoutMs = 3_000;

/** Medians over the relayed keystrokes, in ms after the server read each one. */
export interface SendTimings {
  relays: number;
  /** Sockets each relay wrote to. */
  sockets: number | null;
  firstSendMs: number | null;
  lastSendMs: number | null;
  /** When the server's read handler returned (work it did after the sends, too). */
  handlerMs: number | null;
  /** Garbage-collection pauses of the server's main thread while recording: how many, their sum and the longest. */
  gcPauses: number;
  gcTotalMs: number;
  gcMaxMs: number;
  /** Each pause: [ms after recording began, duration ms, perf_hooks kind (1 minor, 4 major, 8 incremental)]. */
  gcTimeline: [number, number, number][];
  /** Each relay: [ms after recording began when the server read it, first send ms, last send ms after the read]. */
  relayTimeline: [number, number, number][];
}

export class SendProbe {
  /** `node` arguments that preload the probe. */
  static readonly nodeArgs = ['--require', probeModule];

  constructor(
    private readonly pid: number,
    /** Where the server writes its result (handed to it as BENCH_PROBE_OUT). */
    readonly outFile: string,
  ) {}

  /** The timed part begins: the probe forgets what it saw and records. */
  start(): void {
    rmSync(this.outFile, { force: true });
    process.kill(this.pid, 'SIGUSR2');
  }

  /** The timed part ended: the probe stops and writes its medians, which this returns (null if none came). */
  async finish(): Promise<SendTimings | null> {
    process.kill(this.pid, 'SIGUSR2');
    const deadline = Date.now() + resultTimeoutMs;
    while (!existsSync(this.outFile)) {
      if (Date.now() > deadline) return null;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return JSON.parse(readFileSync(this.outFile, 'utf8')) as SendTimings;
  }
}
