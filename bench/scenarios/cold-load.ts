// Cold load: a document built from the automerge-paper editing trace (259,778 edits) is stored in the server,
// then a fresh client connects; the time from opening the connection to `synced` is measured, content checked.
// Tandem loads it from SQLite each time (it unloads idle docs after IDLE_UNLOAD_MS); the in-memory references
// cannot store it anywhere else, so an idle holder connection keeps it in their memory.
import { startClientProcesses, type ClientProcess } from '../client-process';
import { buildTraceDocument, type TraceDocument } from '../editing-trace';
import { median, percentile } from '../percentile';
import { PeakRssWatcher, sampleProcesses } from '../process-stats';
import type { RunningServer } from '../server-process';
import type { ResultRow, Scenario, ScenarioCase, ScenarioContext } from './scenario';

const idleUnloadMs = 200;
const loadTimeoutMs = 30_000;
const ackTimeoutMs = 15_000;
const unloadTimeoutMs = 10_000;
const warmupLoads = 3;

/** Waits until Tandem reports no document in memory (tandem_documents_loaded), so the next load reads SQLite. */
async function waitForUnload(server: RunningServer): Promise<'metric' | 'timer'> {
  const deadline = Date.now() + unloadTimeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(`${server.httpUrl}/metrics`, { signal: AbortSignal.timeout(2_000) }).catch(() => undefined);
    const body = res?.ok ? await res.text() : '';
    const match = /^tandem_documents_loaded(?:\{[^}]*\})?\s+(\S+)/m.exec(body);
    if (!match) {
      // No gauge to watch: give the idle timer several periods, which is all the metric would tell us.
      await new Promise((resolve) => setTimeout(resolve, idleUnloadMs * 3 + 200));
      return 'timer';
    }
    if (Number(match[1]) === 0) return 'metric';
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the document was not unloaded within ${unloadTimeoutMs} ms`);
}

async function runColdLoadCase(
  context: ScenarioContext,
  traceDocument: TraceDocument,
): Promise<ResultRow> {
  const { server, options, repoRoot } = context;
  const target = server.target;
  const isFromStorage = target.isPersistent;
  const doc = `bench-cold-${Date.now().toString(36)}`;
  const params = { kind: target.clientKind, wsUrl: server.wsUrl, doc };
  const workers = await startClientProcesses(repoRoot, ['seeder', 'loader']);
  const [seeder, loader] = workers as [ClientProcess, ClientProcess];
  try {
    const seeded = await seeder.call(
      'seed',
      {
        ...params,
        update: traceDocument.update,
        shouldAwaitAck: isFromStorage,
        ackTimeoutMs,
        shouldKeepOpen: !isFromStorage,
        syncTimeoutMs: loadTimeoutMs,
      },
      loadTimeoutMs + ackTimeoutMs + 5_000,
    );
    if (isFromStorage) context.log(`stored in ${seeded.pushMs.toFixed(0)} ms, durable ack: ${seeded.isAcked}`);
    let unloadSignal: string | undefined;
    const loadAndCheck = async (): Promise<number> => {
      const loaded = await loader.call(
        'load',
        { ...params, expectedText: traceDocument.endContent, timeoutMs: loadTimeoutMs },
        loadTimeoutMs + 5_000,
      );
      if (!loaded.isEqual) {
        throw new Error(`loaded text differs from endContent (${loaded.length} vs ${traceDocument.endContent.length} chars)`);
      }
      return loaded.syncMs;
    };
    // Untimed warm-up loads: check the stored content and warm both sides' code paths (JIT), so the timed runs
    // compare servers rather than how cold the loader process happens to be.
    for (let warmup = 0; warmup < warmupLoads; warmup++) {
      if (isFromStorage) unloadSignal = await waitForUnload(server);
      await loadAndCheck();
    }

    const rssWatcher = new PeakRssWatcher([server.pid], 50);
    const clientPids = workers.map((worker) => worker.pid);
    let serverCpuSeconds = 0;
    let clientCpuSeconds = 0;
    let loadWallSeconds = 0;
    const timings: number[] = [];
    for (let run = 0; run < options.coldLoadRuns; run++) {
      if (isFromStorage) unloadSignal = await waitForUnload(server);
      const serverStart = sampleProcesses([server.pid]);
      const clientStart = sampleProcesses(clientPids);
      timings.push(await loadAndCheck());
      const serverEnd = sampleProcesses([server.pid]);
      const clientEnd = sampleProcesses(clientPids);
      serverCpuSeconds += serverEnd.cpuSeconds - serverStart.cpuSeconds;
      clientCpuSeconds += clientEnd.cpuSeconds - clientStart.cpuSeconds;
      loadWallSeconds += (serverEnd.atMs - serverStart.atMs) / 1000;
    }
    const peakRssBytes = rssWatcher.stop();
    // CPU seconds spent per second of loading: how busy a load keeps each side.
    const busyPercent = (cpuSeconds: number): number | null =>
      loadWallSeconds > 0 ? (cpuSeconds / loadWallSeconds) * 100 : null;
    return {
      server: target.name,
      scenario: 'cold-load',
      n: null,
      p50Ms: median(timings),
      p99Ms: percentile(timings, 100),
      deliveredPct: null,
      serverCpuPct: busyPercent(serverCpuSeconds),
      serverRssMb: peakRssBytes / 2 ** 20,
      clientCpuPct: busyPercent(clientCpuSeconds),
      note: isFromStorage
        ? `from SQLite after unload; median/max of ${timings.length}`
        : `in memory, idle holder connected; median/max of ${timings.length}`,
      details: {
        timingsMs: timings,
        updateBytes: traceDocument.update.byteLength,
        edits: traceDocument.edits,
        isDurablyAcked: isFromStorage ? seeded.isAcked : null,
        unloadDetectedBy: unloadSignal ?? null,
        storePushMs: seeded.pushMs,
      },
    };
  } finally {
    await Promise.all(workers.map((worker) => worker.close()));
  }
}

export function createColdLoadScenario(tracePath: string): Scenario {
  let traceDocument: TraceDocument | undefined;
  return {
    name: 'cold-load',
    description: 'fresh client syncing the automerge-paper document (260k edits): median time to synced',
    supports: () => true,
    cases: () => [{ label: 'automerge-paper', n: null }],
    serverEnv: (target): Record<string, string> =>
      target.isPersistent ? { IDLE_UNLOAD_MS: String(idleUnloadMs) } : {},
    run: async (context) => {
      if (!traceDocument) {
        traceDocument = buildTraceDocument(tracePath);
        context.log(`replayed ${traceDocument.edits} edits in ${traceDocument.replayMs.toFixed(0)} ms (${traceDocument.update.byteLength} bytes)`);
      }
      return runColdLoadCase(context, traceDocument);
    },
  };
}
