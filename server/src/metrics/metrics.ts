// Prometheus metrics (prom-client) on a registry owned by the app, never the global one. Labels are small fixed
// sets (message type, close code, reason): never a document name or a user id. What every frame, broadcast and
// commit counts is kept by the deferred metrics (deferred-metrics.ts) and read when /metrics is scraped.
import client from 'prom-client';
import { DeferredCounter, DeferredHistogram, DeferredLabelledCounter } from './deferred-metrics';
import { subtractSamplingInterval } from './event-loop-lag';

export type Metrics = ReturnType<typeof createMetrics>;

const EVENT_LOOP_SAMPLE_MS = 100;

export function createMetrics() {
  const registry = new client.Registry();
  // The event-loop lag histogram samples on a timer of its own. prom-client's default (every 10 ms) woke the process
  // 100 times a second, doubling its context switches while users type; ten samples a second still show any lag.
  // Node counts that interval into every sample: event-loop-lag.ts takes it off the lag summary.
  client.collectDefaultMetrics({ register: registry, prefix: 'tandem_', eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS });
  subtractSamplingInterval(registry, 'tandem_', EVENT_LOOP_SAMPLE_MS);
  const registers = [registry];
  return {
    registry,
    connections: new client.Gauge({ name: 'tandem_connections', help: 'Open WebSocket connections', registers }),
    documentsLoaded: new client.Gauge({ name: 'tandem_documents_loaded', help: 'Documents held in memory', registers }),
    messagesIn: new DeferredLabelledCounter({ name: 'tandem_messages_in_total', help: 'Messages received, by type', labelName: 'type', registers }),
    bytesIn: new DeferredCounter({ name: 'tandem_bytes_in_total', help: 'Bytes received in WebSocket frames', registers }),
    messagesOut: new DeferredLabelledCounter({ name: 'tandem_messages_out_total', help: 'Messages sent, by type', labelName: 'type', registers }),
    bytesOut: new DeferredCounter({ name: 'tandem_bytes_out_total', help: 'Bytes sent in WebSocket frames', registers }),
    rejected: new client.Counter({ name: 'tandem_rejected_messages_total', help: 'Messages dropped or refused, by reason', labelNames: ['reason'], registers }),
    closes: new client.Counter({ name: 'tandem_closes_total', help: 'Connections closed by the server, by close code', labelNames: ['code'], registers }),
    commitSeconds: new DeferredHistogram({
      name: 'tandem_commit_seconds',
      help: 'Time to commit one batch of updates to storage',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    }),
    compactionSeconds: new client.Histogram({
      name: 'tandem_compaction_seconds',
      help: "Time to merge a document's update log into one row, by what it was built from (memory or storage)",
      labelNames: ['source'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    }),
    commitFailures: new client.Counter({ name: 'tandem_commit_failures_total', help: 'Failed storage commits (retried)', registers }),
    fanoutPeers: new DeferredHistogram({
      name: 'tandem_broadcast_fanout',
      help: 'Peers an update was sent to',
      buckets: [0, 1, 2, 5, 10, 25, 50, 100, 250, 500],
      registers,
    }),
    autoVersionsPostponed: new client.Counter({
      name: 'tandem_auto_versions_postponed_total',
      help: 'Automatic versions put off because an import or restore of the document was under way (on any instance)',
      registers,
    }),
    internalErrors: new client.Counter({ name: 'tandem_internal_errors_total', help: 'Unexpected errors, by where', labelNames: ['where'], registers }),
  };
}
