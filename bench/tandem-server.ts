// Helpers for scenarios that look inside a running Tandem: its Prometheus gauges, readiness, and what it logged.
import type { RunningServer } from './server-process';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The value of an unlabelled gauge or counter on /metrics, or null when the server does not report it. */
export async function readMetric(server: RunningServer, name: string): Promise<number | null> {
  const res = await fetch(`${server.httpUrl}/metrics`, { signal: AbortSignal.timeout(2_000) }).catch(() => undefined);
  const body = res?.ok ? await res.text() : '';
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})?\\s+(\\S+)`, 'm').exec(body);
  return match ? Number(match[1]) : null;
}

/**
 * Waits until Tandem reports no document in memory (tandem_documents_loaded is 0), so the next read loads from
 * storage. Without the gauge, waits several idle periods instead, which is all the gauge would tell.
 */
export async function waitForUnload(server: RunningServer, idleUnloadMs: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const loaded = await readMetric(server, 'tandem_documents_loaded');
    if (loaded === null) {
      await sleep(idleUnloadMs * 3 + 200);
      return;
    }
    if (loaded === 0) return;
    await sleep(50);
  }
  throw new Error(`the document was not unloaded within ${timeoutMs} ms`);
}

/** Waits until /readyz answers 200 (storage and Redis reachable); /healthz only says the process is up. */
export async function waitForReady(server: RunningServer, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let status = 0;
  while (Date.now() < deadline) {
    const res = await fetch(`${server.httpUrl}/readyz`, { signal: AbortSignal.timeout(2_000) }).catch(() => undefined);
    status = res?.status ?? 0;
    if (status === 200) return;
    await sleep(100);
  }
  const last = status === 0 ? 'no answer' : `HTTP ${status}`;
  throw new Error(`${server.httpUrl}/readyz did not answer 200 within ${timeoutMs} ms (last: ${last})`);
}

/**
 * What the server printed besides its start banner. Tandem runs with LOG_LEVEL=warn in the bench, so every such line
 * is a warning or an error. Only the last lines are kept (see server-process.ts).
 */
export function serverComplaints(server: RunningServer): string[] {
  return server
    .recentOutput()
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('Tandem is running'));
}

/** Every sample on /metrics, keyed as printed (`name{labels}`); empty when the server does not answer. */
export async function scrapeMetrics(server: RunningServer): Promise<Map<string, number>> {
  const res = await fetch(`${server.httpUrl}/metrics`, { signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
  const body = res?.ok ? await res.text() : '';
  const samples = new Map<string, number>();
  for (const line of body.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const space = line.lastIndexOf(' ');
    samples.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return samples;
}

/** What changed between two scrapes: counters and histogram sums that grew, except prom-client's process and Node defaults. */
export function metricDeltas(before: Map<string, number>, after: Map<string, number>): Record<string, number> {
  const deltas: Record<string, number> = {};
  for (const [key, value] of after) {
    if (key.startsWith('tandem_process_') || key.startsWith('tandem_nodejs_') || key.includes('_bucket{')) continue;
    const delta = value - (before.get(key) ?? 0);
    if (delta !== 0 && (key.includes('_total') || key.endsWith('_sum') || key.endsWith('_count'))) deltas[key] = delta;
  }
  return deltas;
}
