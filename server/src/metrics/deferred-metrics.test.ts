// The deferred metrics report exactly what was counted, at every scrape, however many observations came between.
import client from 'prom-client';
import { describe, expect, it, vi } from 'vitest';
import { DeferredCounter, DeferredHistogram, DeferredLabelledCounter } from './deferred-metrics';

async function sample(registry: client.Registry, line: string): Promise<number | null> {
  const text = await registry.metrics();
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? null : Number(found.slice(line.length + 1));
}

describe('deferred metrics', () => {
  it('reports counts at the scrape and keeps counting across scrapes', async () => {
    const registry = new client.Registry();
    const bytes = new DeferredCounter({ name: 'test_bytes_total', help: 'h', registers: [registry] });
    bytes.inc(10);
    bytes.inc(5);
    expect(await sample(registry, 'test_bytes_total')).toBe(15);
    bytes.inc();
    expect(await sample(registry, 'test_bytes_total')).toBe(16);
    expect(await sample(registry, 'test_bytes_total')).toBe(16);
  });

  it('reports a labelled counter per label', async () => {
    const registry = new client.Registry();
    const messages = new DeferredLabelledCounter({ name: 'test_messages_total', help: 'h', labelName: 'type', registers: [registry] });
    messages.inc('update');
    messages.inc('update', 2);
    messages.inc('awareness');
    expect(await sample(registry, 'test_messages_total{type="update"}')).toBe(3);
    expect(await sample(registry, 'test_messages_total{type="awareness"}')).toBe(1);
    messages.inc('update');
    expect(await sample(registry, 'test_messages_total{type="update"}')).toBe(4);
  });

  it('keeps every observation of a histogram, also past its buffer', async () => {
    const registry = new client.Registry();
    const seconds = new DeferredHistogram({ name: 'test_seconds', help: 'h', buckets: [0.001, 0.01], registers: [registry] });
    for (let i = 0; i < 10_000; i++) seconds.observe(i % 2 === 0 ? 0.0005 : 0.005);
    // A timed observation of 0.5 ms, on a clock the test holds (a loaded machine once took over 1 ms in between).
    const now = vi.spyOn(performance, 'now').mockReturnValueOnce(1_000).mockReturnValueOnce(1_000.5);
    const stop = seconds.startTimer();
    stop();
    now.mockRestore();
    expect(await sample(registry, 'test_seconds_count')).toBe(10_001);
    expect(await sample(registry, 'test_seconds_bucket{le="0.001"}')).toBe(5_001);
    expect(await sample(registry, 'test_seconds_bucket{le="0.01"}')).toBe(10_001);
  });
});
