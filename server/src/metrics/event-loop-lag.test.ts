import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, expect, it, vi } from 'vitest';
import { createMetrics } from './metrics';

/** The value of one unlabelled gauge in the registry's Prometheus text. */
function valueIn(text: string, name: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  if (line === undefined) throw new Error(`${name} is not in the metrics`);
  return Number(line.slice(name.length + 1));
}

describe('event-loop lag metrics', () => {
  it('report the lag without the 100 ms sampling interval that Node counts into every sample', async () => {
    // What Node's histogram itself says of an idle loop sampled every 100 ms: never under the interval.
    const raw = monitorEventLoopDelay({ resolution: 100 });
    raw.enable();
    const { registry } = createMetrics();
    await registry.metrics(); // starts a fresh window
    await vi.waitFor(() => expect(raw.count).toBeGreaterThan(2), { timeout: 5_000, interval: 50 });
    raw.disable();
    expect(raw.min / 1e9).toBeGreaterThanOrEqual(0.1);

    const text = await registry.metrics();
    // Before, these read 0.1 and more on an idle server.
    expect(valueIn(text, 'tandem_nodejs_eventloop_lag_min_seconds')).toBeLessThan(0.05);
    expect(valueIn(text, 'tandem_nodejs_eventloop_lag_p50_seconds')).toBeLessThan(valueIn(text, 'tandem_nodejs_eventloop_lag_max_seconds') + 1e-9);
    for (const stat of ['min', 'max', 'mean', 'p50', 'p90', 'p99']) {
      expect(valueIn(text, `tandem_nodejs_eventloop_lag_${stat}_seconds`)).toBeGreaterThanOrEqual(0);
    }
  });
});
