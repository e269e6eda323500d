import { Gauge, Registry } from 'prom-client';
import { describe, expect, it, vi } from 'vitest';
import { subtractSamplingInterval } from './event-loop-lag';
import { createMetrics } from './metrics';

/** The value of one unlabelled gauge in the registry's Prometheus text. */
function valueIn(text: string, name: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  if (line === undefined) throw new Error(`${name} is not in the metrics`);
  return Number(line.slice(name.length + 1));
}

const STATS = ['min', 'max', 'mean', 'p50', 'p90', 'p99'] as const;

describe('event-loop lag metrics', () => {
  it('report the lag without the sampling interval that Node counts into every sample', async () => {
    // Gauges named as prom-client's default metrics name them, set as its collector sets them.
    const registry = new Registry();
    const gauges = STATS.map((stat) => new Gauge({ name: `x_nodejs_eventloop_lag_${stat}_seconds`, help: stat, registers: [registry] }));
    subtractSamplingInterval(registry, 'x_', 100);
    gauges[0]!.set(0.1003); // a sample 0.3 ms late
    gauges[1]!.set({}, 0.125); // the labelled form
    gauges[2]!.set(0.1); // on time
    gauges[3]!.set(0.0999); // a timer that fired a hair early reads no lag, not a negative one
    gauges[4]!.set(Number.NaN); // a window without samples: its mean
    gauges[5]!.set(9_223_372_036.854776); // and its minimum, Node's sentinel
    const text = await registry.metrics();
    expect(valueIn(text, 'x_nodejs_eventloop_lag_min_seconds')).toBeCloseTo(0.0003, 9);
    expect(valueIn(text, 'x_nodejs_eventloop_lag_max_seconds')).toBeCloseTo(0.025, 9);
    expect(valueIn(text, 'x_nodejs_eventloop_lag_mean_seconds')).toBe(0);
    expect(valueIn(text, 'x_nodejs_eventloop_lag_p50_seconds')).toBe(0);
    expect(valueIn(text, 'x_nodejs_eventloop_lag_p90_seconds')).toBe(0);
    expect(valueIn(text, 'x_nodejs_eventloop_lag_p99_seconds')).toBe(0);
  });

  it('are corrected in the server metrics registry', async () => {
    const { registry } = createMetrics();
    // Node's raw samples are never under the 100 ms interval; once a few are in, the reported minimum is the lag alone.
    // (Each read starts a fresh window, so everything is checked on one read.)
    await vi.waitFor(
      async () => {
        const text = await registry.metrics();
        // A window with no sample yet reads 0 everywhere: wait for one with samples (some lag, however small).
        expect(valueIn(text, 'tandem_nodejs_eventloop_lag_max_seconds')).toBeGreaterThan(0);
        expect(valueIn(text, 'tandem_nodejs_eventloop_lag_min_seconds')).toBeLessThan(0.1);
        for (const stat of STATS) expect(valueIn(text, `tandem_nodejs_eventloop_lag_${stat}_seconds`)).toBeGreaterThanOrEqual(0);
      },
      { timeout: 10_000, interval: 350 },
    );
  });
});
