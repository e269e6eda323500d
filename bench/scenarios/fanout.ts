// Fan-out latency: one writer types a character every 20 ms into one doc watched by N passive readers.
// Measures, for every (reader, keystroke), the time from the writer's insert to the reader observing it.
import { startClientProcesses, type ClientProcess } from '../client-process';
import { percentile } from '../percentile';
import { cpuPercentBetween, PeakRssWatcher, sampleProcesses } from '../process-stats';
import type { ResultRow, Scenario, ScenarioCase, ScenarioContext } from './scenario';

const keystrokeIntervalMs = 20;
const syncTimeoutMs = 60_000;
/** How long readers may take to catch up after the last keystroke before the rest counts as not delivered. */
const drainTimeoutMs = 3_000;
/** Pause between "all synced" and the first keystroke, so connection traffic has died down. */
const settleMs = 500;
/** Untimed keystrokes first: the first second of updates runs cold (unoptimized) code in 100 readers per process,
 * which would otherwise show up as a client-side latency spike unrelated to the server. */
const warmupKeystrokes = 50;

interface FanoutCase extends ScenarioCase {
  n: number;
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

async function runFanoutCase(context: ScenarioContext, testCase: FanoutCase): Promise<ResultRow> {
  const { server, options, repoRoot } = context;
  const kind = server.target.clientKind;
  const doc = `bench-fanout-${testCase.n}-${Date.now().toString(36)}`;
  const keystrokes = Math.round((options.typingSeconds * 1000) / keystrokeIntervalMs);
  const readerCounts = [Math.ceil(testCase.n / 2), Math.floor(testCase.n / 2)];
  const workers = await startClientProcesses(repoRoot, ['readers-a', 'readers-b', 'writer']);
  const [readersA, readersB, writer] = workers as [ClientProcess, ClientProcess, ClientProcess];
  const readerProcesses = [readersA, readersB];
  try {
    await writer.call('open-writer', { kind, wsUrl: server.wsUrl, doc, syncTimeoutMs }, syncTimeoutMs + 5_000);
    const synced = await Promise.all(
      readerProcesses.map((worker, i) =>
        worker.call(
          'open-readers',
          { kind, wsUrl: server.wsUrl, doc, count: readerCounts[i] ?? 0, syncTimeoutMs },
          syncTimeoutMs * 2,
        ),
      ),
    );
    context.log(`${testCase.n} readers synced in ${Math.max(...synced.map((s) => s.syncMs)).toFixed(0)} ms`);
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    await writer.call('type', { count: warmupKeystrokes, intervalMs: keystrokeIntervalMs }, 30_000);
    await Promise.all(
      readerProcesses.map((worker) =>
        worker.call(
          'collect-readers',
          { fromSeq: warmupKeystrokes, expectedLength: warmupKeystrokes, timeoutMs: drainTimeoutMs },
          drainTimeoutMs + 30_000,
        ),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, settleMs));

    const clientPids = workers.map((worker) => worker.pid);
    const rssWatcher = new PeakRssWatcher([server.pid]);
    const serverStart = sampleProcesses([server.pid]);
    const clientStart = sampleProcesses(clientPids);
    const { sendTimes } = await writer.call(
      'type',
      { count: keystrokes, intervalMs: keystrokeIntervalMs },
      options.typingSeconds * 1000 + 30_000,
    );
    const serverEnd = sampleProcesses([server.pid]);
    const clientEnd = sampleProcesses(clientPids);
    const collected = await Promise.all(
      readerProcesses.map((worker) =>
        worker.call(
          'collect-readers',
          { fromSeq: warmupKeystrokes, expectedLength: warmupKeystrokes + keystrokes, timeoutMs: drainTimeoutMs },
          drainTimeoutMs + 30_000,
        ),
      ),
    );
    const peakRssBytes = rssWatcher.stop();
    if (process.env.BENCH_DUMP) (await import('node:fs')).writeFileSync(process.env.BENCH_DUMP, JSON.stringify({ sendTimes, arrivals: collected.flatMap((c) => c.arrivals) }));
    const summary = summarizeLatencies(
      sendTimes,
      collected.flatMap((c) => c.arrivals),
    );
    return {
      server: server.target.name,
      scenario: 'fanout',
      n: testCase.n,
      p50Ms: summary.p50Ms,
      p99Ms: summary.p99Ms,
      deliveredPct: summary.deliveredPct,
      serverCpuPct: cpuPercentBetween(serverStart, serverEnd),
      serverRssMb: peakRssBytes / 2 ** 20,
      clientCpuPct: cpuPercentBetween(clientStart, clientEnd),
      note: `${keystrokes} keystrokes ${keystrokeIntervalMs} ms apart, after ${warmupKeystrokes} untimed`,
      details: {
        keystrokes,
        warmupKeystrokes,
        maxMs: summary.maxMs,
        delivered: summary.delivered,
        expected: summary.expected,
        readersPerProcess: readerCounts,
        readerSyncMs: synced.map((s) => s.syncMs),
      },
    };
  } finally {
    await Promise.all(workers.map((worker) => worker.close()));
  }
}

export function createFanoutScenario(): Scenario<FanoutCase> {
  return {
    name: 'fanout',
    description: 'one writer, N readers: keystroke-to-reader latency, delivered fraction, server and client cost',
    supports: () => true,
    cases: (options) => options.fanoutReaders.map((n) => ({ label: `N=${n}`, n })),
    serverEnv: () => ({}),
    run: runFanoutCase,
  };
}
