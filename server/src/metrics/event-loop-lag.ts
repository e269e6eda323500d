// prom-client's event-loop lag summary (tandem_nodejs_eventloop_lag_{min,max,mean,p50,p90,p99}_seconds) comes from
// Node's monitorEventLoopDelay, whose samples are the whole time between two ticks of its timer: the sampling
// interval plus the lag. Sampled every 100 ms (see metrics.ts), an idle server read 0.10 s everywhere, which looks
// like a tenth of a second of lag to anyone alerting on it. This takes the interval off, so the figures are the lag.
import type { Gauge, LabelValues, Registry } from 'prom-client';

const SUMMARY = ['min', 'max', 'mean', 'p50', 'p90', 'p99'] as const;
/** Node's histogram reports its minimum as 2^63 - 1 ns until it has a sample. */
const EMPTY_WINDOW_SECONDS = 2 ** 63 / 1e9;

export function subtractSamplingInterval(registry: Registry, prefix: string, intervalMs: number): void {
  const interval = intervalMs / 1000;
  // To the nanosecond the histogram counts in, without the float noise of the subtraction. A window with no sample
  // (two scrapes within one interval) reads NaN, and its minimum Node's empty-histogram sentinel (2^63 ns, 292 years):
  // no lag measured, so 0.
  const lagOf = (sample: number) => (Number.isFinite(sample) && sample < EMPTY_WINDOW_SECONDS ? Math.max(0, Math.round((sample - interval) * 1e9) / 1e9) : 0);
  for (const stat of SUMMARY) {
    // Absent without perf_hooks' histogram (another runtime): nothing to correct.
    const gauge = registry.getSingleMetric(`${prefix}nodejs_eventloop_lag_${stat}_seconds`) as Gauge | undefined;
    if (gauge === undefined) continue;
    // prom-client sets the summary from the histogram as the registry is read, synchronously, then reads the gauges
    // in the same turn: the value is corrected as it is set.
    const set = gauge.set.bind(gauge) as (labels: LabelValues<string>, value: number) => void;
    gauge.set = ((labelsOrValue: LabelValues<string> | number, value?: number) => {
      if (typeof labelsOrValue === 'number') set({}, lagOf(labelsOrValue));
      else set(labelsOrValue, lagOf(value ?? 0));
    }) as Gauge['set'];
  }
}
