// Cold load: a document built from the automerge-paper editing trace (259,778 edits) is stored in the server,
// then a fresh client connects; the time from opening the connection to `synced` is measured, content checked.
// Tandem loads it from SQLite each time (it unloads idle docs after IDLE_UNLOAD_MS); the in-memory references
// cannot store it anywhere else, so an idle holder connection keeps it in their memory.
import { startClientProcesses, type ClientProcess } from '../client-process';
import { buildTraceDocument, type TraceDocument } from '../editing-trace';
import { median, percentile } from '../percentile';
import { PeakRssWatcher, sampleProcesses } from '../process-stats';
import type { RunningServer } from '../server-process';
import type { ClientKind } from '../server-targets';
import { waitForUnload as waitForTandemUnload } from '../tandem-server';
import type { ResultRow, Scenario, ScenarioCase, ScenarioContext } from './scenario';

const idleUnloadMs = 200;
const loadTimeoutMs = 30_000;
const ackTimeoutMs = 15_000;
const unloadTimeoutMs = 10_000;
const warmupLoads = 3;

/** Waits until Tandem reports no document in memory (tandem_documents_loaded), so the next load reads SQLite. */
function waitForUnload(server: RunningServer): Promise<void> {
  return waitForTandemUnload(server, idleUnloadMs, unloadTimeoutMs);
}

interface LoadTarget {
  kind: ClientKind;
  wsUrl: string;
  doc: string;
}

interface TimedLoads {
  timingsMs: number[];
  openMs: number[];
  clientApplyMs: number[];
  serverCpuPct: number | null;
  clientCpuPct: number | null;
  peakServerRssBytes: number;
}

/** Loads the doc in a fresh client and fails unless the text equals endContent. */
async function loadAndCheck(loader: ClientProcess, target: LoadTarget, expectedText: string) {
  const loaded = await loader.call('load', { ...target, expectedText, timeoutMs: loadTimeoutMs }, loadTimeoutMs + 5_000);
  if (!loaded.isEqual) {
    throw new Error(`loaded text differs from endContent (${loaded.length} vs ${expectedText.length} chars)`);
  }
  return loaded;
}

/** `runs` loads, each after the unload when the server stores documents; CPU is sampled around each load only. */
async function timeLoads(
  server: RunningServer,
  workers: ClientProcess[],
  loader: ClientProcess,
  target: LoadTarget,
  expectedText: string,
  runs: number,
): Promise<TimedLoads> {
  const clientPids = workers.map((worker) => worker.pid);
  const rssWatcher = new PeakRssWatcher([server.pid], 50);
  const result: TimedLoads = {
    timingsMs: [],
    openMs: [],
    clientApplyMs: [],
    serverCpuPct: null,
    clientCpuPct: null,
    peakServerRssBytes: 0,
  };
  let serverCpuSeconds = 0;
  let clientCpuSeconds = 0;
  let loadWallSeconds = 0;
  for (let run = 0; run < runs; run++) {
    if (server.target.isPersistent) await waitForUnload(server);
    const serverStart = sampleProcesses([server.pid]);
    const clientStart = sampleProcesses(clientPids);
    const loaded = await loadAndCheck(loader, target, expectedText);
    const serverEnd = sampleProcesses([server.pid]);
    const clientEnd = sampleProcesses(clientPids);
    result.timingsMs.push(loaded.syncMs);
    result.openMs.push(loaded.openMs);
    result.clientApplyMs.push(loaded.clientApplyMs);
    serverCpuSeconds += serverEnd.cpuSeconds - serverStart.cpuSeconds;
    clientCpuSeconds += clientEnd.cpuSeconds - clientStart.cpuSeconds;
    loadWallSeconds += (serverEnd.atMs - serverStart.atMs) / 1000;
  }
  result.peakServerRssBytes = rssWatcher.stop();
  // CPU seconds spent per second of loading: how busy a load keeps each side.
  if (loadWallSeconds > 0) {
    result.serverCpuPct = (serverCpuSeconds / loadWallSeconds) * 100;
    result.clientCpuPct = (clientCpuSeconds / loadWallSeconds) * 100;
  }
  return result;
}

async function runColdLoadCase(context: ScenarioContext, traceDocument: TraceDocument): Promise<ResultRow> {
  const { server, options } = context;
  const isFromStorage = server.target.isPersistent;
  const doc = `bench-cold-${Date.now().toString(36)}`;
  const target: LoadTarget = { kind: server.target.clientKind, wsUrl: server.wsUrl, doc };
  const workers = await startClientProcesses(context.repoRoot, ['seeder', 'loader']);
  const [seeder, loader] = workers as [ClientProcess, ClientProcess];
  try {
    // Tandem: wait for the durable ack, then let the doc unload. References: the seeder stays as the idle holder.
    const seeded = await seeder.call(
      'seed',
      {
        ...target,
        update: traceDocument.update,
        shouldAwaitAck: isFromStorage,
        ackTimeoutMs,
        shouldKeepOpen: !isFromStorage,
        syncTimeoutMs: loadTimeoutMs,
      },
      loadTimeoutMs + ackTimeoutMs + 5_000,
    );
    if (isFromStorage) context.log(`stored in ${seeded.pushMs.toFixed(0)} ms, durable ack: ${seeded.isAcked}`);
    // Untimed warm-up loads: check the stored content and warm both sides' code paths (JIT), so the timed runs
    // compare servers rather than how cold the loader process happens to be.
    for (let warmup = 0; warmup < warmupLoads; warmup++) {
      if (isFromStorage) await waitForUnload(server);
      await loadAndCheck(loader, target, traceDocument.endContent);
    }
    const loads = await timeLoads(server, workers, loader, target, traceDocument.endContent, options.coldLoadRuns);
    const clientApplyMs = median(loads.clientApplyMs);
    const source = isFromStorage ? 'from SQLite after unload' : 'in memory, idle holder connected';
    return {
      server: server.target.name,
      scenario: 'cold-load',
      n: null,
      p50Ms: median(loads.timingsMs),
      p99Ms: percentile(loads.timingsMs, 100),
      deliveredPct: null,
      serverCpuPct: loads.serverCpuPct,
      serverRssMb: loads.peakServerRssBytes / 2 ** 20,
      clientCpuPct: loads.clientCpuPct,
      note: `${source}; median/max of ${loads.timingsMs.length}; client apply ${clientApplyMs?.toFixed(0)} ms`,
      details: {
        timingsMs: loads.timingsMs,
        openMsMedian: median(loads.openMs),
        clientApplyMsMedian: clientApplyMs,
        updateBytes: traceDocument.update.byteLength,
        edits: traceDocument.edits,
        isDurablyAcked: isFromStorage ? seeded.isAcked : null,
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
        const { edits, replayMs, update } = traceDocument;
        context.log(`replayed ${edits} edits in ${replayMs.toFixed(0)} ms (${update.byteLength} bytes)`);
      }
      return runColdLoadCase(context, traceDocument);
    },
  };
}
