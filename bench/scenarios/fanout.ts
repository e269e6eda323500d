// Fan-out latency: one writer types a character every 20 ms into one doc watched by N passive readers.
// Measures, for every (reader, keystroke), the time from the writer's insert to the reader observing it.
import { SplitWorkers } from '../client-process';
import { comparePairedRounds } from '../paired-rounds';
import { median, percentile } from '../percentile';
import { cpuPercentBetween, PeakRssWatcher, sampleMachineCpu, sampleProcesses, stealPercentBetween } from '../process-stats';
import type { SendTimings } from '../send-probe';
import type { ClientKind } from '../server-targets';
import type { ResultRow, Scenario, ScenarioCase, ScenarioContext } from './scenario';

const keystrokeIntervalMs = 20;
const syncTimeoutMs = 60_000;
/** How long readers may take to catch up after the last keystroke before the rest counts as not delivered. */
const drainTimeoutMs = 3_000;
/** Pause between "all synced" and the first keystroke, so connection traffic has died down. */
const settleMs = 500;
/**
 * CPU steal while typing above which a round is run again: on a shared VM, a round that lost a third of its CPU
 * time to other guests shows two to three times the p99 of a quiet one, whichever server it hit.
 */
const MAX_STEAL_PCT = 5;
/** Untimed keystrokes first: the first second of updates runs cold (unoptimized) code in 100 readers per process,
 * which would otherwise show up as a client-side latency spike unrelated to the server. */
const warmupKeystrokes = 50;

interface FanoutCase extends ScenarioCase {
  n: number;
}

/** What the document holds before anyone types: `update`, whose text has `length` characters. */
export interface FanoutSeed {
  update: Uint8Array;
  length: number;
}

/** One fan-out measurement: N readers, `keystrokes` timed keystrokes, into an empty or a seeded document. */
export interface FanoutRun {
  scenario: string;
  n: number;
  keystrokes: number;
  seed: FanoutSeed | null;
}

function summarizeLatencies(sendTimes: readonly number[], arrivals: readonly (number | null)[][]) {
  const latencies: number[] = [];
  for (const readerArrivals of arrivals) {
    readerArrivals.forEach((arrivedAt, seq) => {
      const sentAt = sendTimes[seq];
      if (arrivedAt !== null && sentAt !== undefined) latencies.push(arrivedAt - sentAt);
    });
  }
  const expected = sendTimes.length * arrivals.length;
  return {
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: percentile(latencies, 100),
    delivered: latencies.length,
    expected,
    deliveredPct: expected > 0 ? (latencies.length / expected) * 100 : null,
  };
}

/** Per keystroke: when it was sent (ms after the first) and its median and slowest delivery, to spot stalls. */
function summarizePerKeystroke(sendTimes: readonly number[], arrivals: readonly (number | null)[][]) {
  const round = (ms: number | null): number | null => (ms === null ? null : Math.round(ms * 10) / 10);
  const firstSentAt = sendTimes[0] ?? 0;
  return sendTimes.map((sentAt, seq) => {
    const latencies = arrivals.flatMap((reader) => {
      const arrivedAt = reader[seq];
      return arrivedAt === null || arrivedAt === undefined ? [] : [arrivedAt - sentAt];
    });
    return [round(sentAt - firstSentAt), round(percentile(latencies, 50)), round(percentile(latencies, 100))];
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The three client workers of one case: readers split over two processes, the writer in a third. */
class FanoutClients {
  private constructor(readonly workers: SplitWorkers) {}

  static async start(repoRoot: string): Promise<FanoutClients> {
    return new FanoutClients(await SplitWorkers.start(repoRoot, 'writer'));
  }

  /**
   * Connects the writer (which pushes `seedUpdate` first, when given), then the readers; resolves with each reader
   * process's time to get all synced.
   */
  async connect(
    target: { kind: ClientKind; wsUrl: string; doc: string },
    readerCounts: number[],
    seedUpdate: Uint8Array | null,
  ): Promise<number[]> {
    await this.workers.writer.call('open-writer', { ...target, seedUpdate, syncTimeoutMs }, syncTimeoutMs + 5_000);
    const synced = await Promise.all(
      this.workers.readers.map((worker, i) =>
        worker.call('open-readers', { ...target, count: readerCounts[i] ?? 0, syncTimeoutMs }, syncTimeoutMs * 2),
      ),
    );
    return synced.map((s) => s.syncMs);
  }

  type(count: number): Promise<{ sendTimes: number[] }> {
    return this.workers.writer.call('type', { count, intervalMs: keystrokeIntervalMs }, count * keystrokeIntervalMs + 30_000);
  }

  /** Waits for the readers to reach `expectedLength` (or the drain timeout); arrivals of keystrokes fromSeq on. */
  async collect(fromSeq: number, expectedLength: number): Promise<(number | null)[][]> {
    const collected = await Promise.all(
      this.workers.readers.map((worker) =>
        worker.call('collect-readers', { fromSeq, expectedLength, timeoutMs: drainTimeoutMs }, drainTimeoutMs + 30_000),
      ),
    );
    return collected.flatMap((c) => c.arrivals);
  }

  close(): Promise<void> {
    return this.workers.close();
  }
}

/** Keystrokes of one timed fan-out round: --seconds of typing. */
export function fanoutKeystrokes(typingSeconds: number): number {
  return Math.round((typingSeconds * 1000) / keystrokeIntervalMs);
}

export async function runFanout(context: ScenarioContext, run: FanoutRun): Promise<ResultRow> {
  const { server } = context;
  const { n, keystrokes } = run;
  const doc = `bench-${run.scenario}-${n}-${Date.now().toString(36)}`;
  const target = { kind: server.target.clientKind, wsUrl: server.wsUrl, doc };
  const readerCounts = [Math.ceil(n / 2), Math.floor(n / 2)];
  // Readers number keystrokes by the text's length, so the seed's characters come first.
  const firstSeq = (run.seed?.length ?? 0) + warmupKeystrokes;
  const clients = await FanoutClients.start(context.repoRoot);
  try {
    const readerSyncMs = await clients.connect(target, readerCounts, run.seed?.update ?? null);
    context.log(`${n} readers synced in ${Math.max(...readerSyncMs).toFixed(0)} ms`);
    await sleep(settleMs);
    await clients.type(warmupKeystrokes);
    await clients.collect(firstSeq, firstSeq);
    await sleep(settleMs);

    const clientPids = clients.workers.pids;
    const rssWatcher = new PeakRssWatcher([server.pid]);
    const serverStart = sampleProcesses([server.pid]);
    const clientStart = sampleProcesses(clientPids);
    const machineStart = sampleMachineCpu();
    server.probe?.start();
    const { sendTimes } = await clients.type(keystrokes);
    const stealPct = stealPercentBetween(machineStart, sampleMachineCpu());
    const serverSends = (await server.probe?.finish()) ?? null;
    const serverEnd = sampleProcesses([server.pid]);
    const clientEnd = sampleProcesses(clientPids);
    const arrivals = await clients.collect(firstSeq, firstSeq + keystrokes);
    const peakRssBytes = rssWatcher.stop();

    const summary = summarizeLatencies(sendTimes, arrivals);
    return {
      server: server.target.name,
      scenario: run.scenario,
      n,
      p50Ms: summary.p50Ms,
      p99Ms: summary.p99Ms,
      deliveredPct: summary.deliveredPct,
      serverCpuPct: cpuPercentBetween(serverStart, serverEnd),
      serverRssMb: peakRssBytes / 2 ** 20,
      clientCpuPct: cpuPercentBetween(clientStart, clientEnd),
      note: `${keystrokes} keystrokes ${keystrokeIntervalMs} ms apart, after ${warmupKeystrokes} untimed`
        + sendsNote([{ details: { serverSends } }]),
      details: {
        keystrokes,
        warmupKeystrokes,
        maxMs: summary.maxMs,
        delivered: summary.delivered,
        expected: summary.expected,
        readersPerProcess: readerCounts,
        readerSyncMs,
        stealPct,
        serverSends,
        perKeystroke: summarizePerKeystroke(sendTimes, arrivals),
      },
    };
  } finally {
    await clients.close();
  }
}

const TANDEM = 'tandem';

/** Each round's CPU steal while typing, when any round lost more than 1 % to other guests of the hypervisor. */
function stealNote(rows: ResultRow[]): string {
  const steal = rows.map((row) => row.details?.stealPct);
  if (!steal.some((pct) => typeof pct === 'number' && pct > 1)) return '';
  return `; CPU steal per round ${steal.map((pct) => (typeof pct === 'number' ? `${pct.toFixed(0)} %` : '–')).join(' / ')}`;
}
/**
 * With --probe: the server's own first and last send after reading a keystroke (median of the rounds' medians), and
 * its garbage-collection pauses while typing (median count of a round, longest of all rounds).
 */
function sendsNote(rows: readonly Pick<ResultRow, 'details'>[]): string {
  const sends = rows.flatMap((row) => {
    const timings = row.details?.serverSends as SendTimings | null | undefined;
    return timings && timings.firstSendMs !== null && timings.lastSendMs !== null ? [timings] : [];
  });
  if (sends.length === 0) return '';
  const first = median(sends.map((t) => t.firstSendMs!));
  const last = median(sends.map((t) => t.lastSendMs!));
  const pauses = median(sends.map((t) => t.gcPauses));
  const longestPause = Math.max(...sends.map((t) => t.gcMaxMs));
  return `; inside the server, first / last send ${first?.toFixed(2)} / ${last?.toFixed(2)} ms after the read`
    + `, ${pauses} GC pauses while typing (longest ${longestPause.toFixed(1)} ms)`;
}
const roundFigure = (ms: number | null): string => (ms === null ? '–' : ms.toFixed(1));

/** One server's rounds of one case as one row: the median of each figure, peak memory, the worst delivery. */
export function combineFanoutRounds(rows: ResultRow[]): ResultRow {
  const first = rows[0]!;
  const medianOf = (pick: (row: ResultRow) => number | null): number | null =>
    median(rows.flatMap((row) => (pick(row) === null ? [] : [pick(row)!])));
  const values = (pick: (row: ResultRow) => number | null): number[] => rows.flatMap((row) => (pick(row) === null ? [] : [pick(row)!]));
  return {
    ...first,
    p50Ms: medianOf((row) => row.p50Ms),
    p99Ms: medianOf((row) => row.p99Ms),
    deliveredPct: Math.min(...values((row) => row.deliveredPct)),
    serverCpuPct: medianOf((row) => row.serverCpuPct),
    serverRssMb: Math.max(...values((row) => row.serverRssMb)),
    clientCpuPct: medianOf((row) => row.clientCpuPct),
    note: `median of ${rows.length} rounds; p99 per round ${rows.map((row) => roundFigure(row.p99Ms)).join(' / ')}`
      + stealNote(rows) + sendsNote(rows),
    details: { rounds: rows.map((row) => ({ p50Ms: row.p50Ms, p99Ms: row.p99Ms, note: row.note, ...row.details })) },
  };
}

/**
 * The issue's target: Tandem's p99 no worse than the better of the two references at every N, while it commits
 * every update. Judged on the median rounds; the note on Tandem's row says met or MISSED, and by how much.
 */
function judgeFanoutTarget(rows: ResultRow[]): ResultRow[] {
  const tandem = rows.find((row) => row.server === TANDEM);
  const references = rows.filter((row) => row.server !== TANDEM && row.p99Ms !== null);
  if (!tandem || tandem.p99Ms === null || references.length === 0) return rows;
  const best = references.reduce((a, b) => (b.p99Ms! < a.p99Ms! ? b : a));
  // Judged at the table's precision (0.1 ms): a difference the table cannot show is a tie, not a miss.
  const tenths = (ms: number): number => Math.round(ms * 10);
  const verdict = tenths(tandem.p99Ms) <= tenths(best.p99Ms!)
    ? `target met: p99 ≤ ${best.server}'s ${roundFigure(best.p99Ms)}`
    : `target MISSED by ${((tenths(tandem.p99Ms) - tenths(best.p99Ms!)) / 10).toFixed(1)} ms (${best.server}: ${roundFigure(best.p99Ms)})`;
  return rows.map((row) => (row === tandem ? { ...row, note: `${verdict}${pairedNote(tandem, best)}; ${row.note}` } : row));
}

/**
 * How the verdict would hold up: round by round against the better reference (the servers take turns within a
 * round), how often Tandem's p99 was lower, and the median difference with a 90 % bootstrap interval. An interval
 * that spans zero means the rounds cannot tell the two apart.
 */
function pairedNote(tandem: ResultRow, best: ResultRow): string {
  const p99sOf = (row: ResultRow): Array<number | null> =>
    ((row.details?.rounds as Array<{ p99Ms: number | null }> | undefined) ?? []).map((round) => round.p99Ms);
  const compared = comparePairedRounds(p99sOf(tandem), p99sOf(best));
  if (!compared) return '';
  const signed = (ms: number): string => `${ms > 0 ? '+' : ''}${ms.toFixed(1)}`;
  const [low, high] = compared.interval;
  return ` (round by round: lower in ${compared.lowerRounds} of ${compared.rounds}, median difference`
    + ` ${signed(compared.medianDifference)} ms, 90 % interval ${signed(low)} to ${signed(high)})`;
}

/** A round that lost more than MAX_STEAL_PCT of its CPU time to other guests while typing is run again. */
export function fanoutDisturbance([row]: ResultRow[]): { reason: string; severity: number } | null {
  const stealPct = row?.details?.stealPct;
  if (typeof stealPct !== 'number' || stealPct <= MAX_STEAL_PCT) return null;
  return { reason: `${stealPct.toFixed(0)} % of the CPU time went to other guests while typing`, severity: stealPct };
}

export function createFanoutScenario(): Scenario<FanoutCase> {
  return {
    name: 'fanout',
    description: 'one writer, N readers: keystroke-to-reader latency, delivered fraction, server and client cost',
    supports: () => true,
    cases: (options) => options.fanoutReaders.map((n) => ({ label: `N=${n}`, n })),
    serverEnv: () => ({}),
    run: (context, testCase) =>
      runFanout(context, { scenario: 'fanout', n: testCase.n, keystrokes: fanoutKeystrokes(context.options.typingSeconds), seed: null }),
    disturbance: fanoutDisturbance,
    rounds: (options) => options.rounds,
    combineRounds: combineFanoutRounds,
    judge: judgeFanoutTarget,
  };
}
