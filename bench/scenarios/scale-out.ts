// Scale-out (Tandem only: the reference servers have no multi-instance mode): the same clients against one Tandem
// instance, then against two instances sharing PostgreSQL (DATABASE_URL, a fresh schema per case) and Redis
// (REDIS_URL). Several writers append to their own Y.Text of one document at a steady rate while passive readers
// watch every text; measured are deliveries per second over all readers, insert-to-observer latency, and server cost.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import { SplitWorkers } from '../client-process';
import { percentile } from '../percentile';
import { cpuPercentBetween, PeakRssWatcher, sampleProcesses } from '../process-stats';
import type { RunningServer } from '../server-process';
import { metricDeltas, scrapeMetrics, serverComplaints, waitForReady } from '../tandem-server';
import {
  CaseSkipped,
  type PreparedCase,
  type ResultRow,
  type Scenario,
  type ScenarioCase,
  type ScenarioContext,
} from './scenario';

const defaultDatabaseUrl = 'postgres://postgres@127.0.0.1:5432/test';
const defaultRedisUrl = 'redis://127.0.0.1:6379';
const connectTimeoutMs = 3_000;
const readyTimeoutMs = 30_000;
const syncTimeoutMs = 60_000;
/** Untimed updates per writer first (one second at the default rate), so both sides run warm code when timed. */
const warmupUpdatesPerWriter = 50;
const settleMs = 500;
/** After the last update, readers may catch up for as long as something still arrives (late is not lost); once
 * nothing has arrived for drainQuietMs, or after drainTimeoutMs in all, the rest counts as not delivered. */
const drainQuietMs = 5_000;
const drainTimeoutMs = 60_000;

interface ScaleOutCase extends ScenarioCase {
  /** Tandem instances behind the clients. */
  n: number;
}

/** A URL for logs and notes, without its password. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return messageOf(error.errors[0]);
  return error instanceof Error ? error.message || error.name : String(error);
}

async function checkRedis(url: string): Promise<void> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: connectTimeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // connect() only says "Connection is closed."; the socket's own error (ECONNREFUSED…) arrives here first.
  let socketError: unknown;
  redis.on('error', (error: unknown) => (socketError ??= error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    const cause = messageOf(socketError ?? error);
    throw new CaseSkipped(`Redis at ${redact(url)} is unreachable (${cause}); set BENCH_REDIS_URL`);
  } finally {
    redis.disconnect();
  }
}

async function withPostgres<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs });
  client.on('error', () => undefined); // a dropped connection fails the query in use
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new CaseSkipped(`PostgreSQL at ${redact(url)} is unreachable (${messageOf(error)}); set BENCH_DATABASE_URL`);
  }
  try {
    return await use(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Checks Redis and PostgreSQL, creates a fresh schema for this case's tables, and drops it again afterwards. */
async function prepareScaleOutCase(log: (message: string) => void): Promise<PreparedCase> {
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? defaultDatabaseUrl;
  const redisUrl = process.env.BENCH_REDIS_URL ?? defaultRedisUrl;
  await checkRedis(redisUrl);
  const schema = `bench_scale_${randomBytes(6).toString('hex')}`;
  await withPostgres(databaseUrl, (client) => client.query(`CREATE SCHEMA "${schema}"`));
  log(`PostgreSQL schema ${schema} created`);
  return {
    env: { DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema, REDIS_URL: redisUrl },
    cleanup: async () => {
      await withPostgres(databaseUrl, (client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
      log(`PostgreSQL schema ${schema} dropped`);
    },
  };
}

interface Assignment {
  /** Instance index of every writer, in order. */
  writerInstances: number[];
  /** Per reader process: its instance and how many readers it runs. */
  readerGroups: { instance: number; count: number }[];
}

/** Writers alternate between instances; the two reader processes go one to each (both to the one instance). */
function assignClients(instances: number, writers: number, readers: number): Assignment {
  return {
    writerInstances: Array.from({ length: writers }, (_, i) => i % instances),
    readerGroups: [
      { instance: 0, count: Math.ceil(readers / 2) },
      { instance: 1 % instances, count: Math.floor(readers / 2) },
    ],
  };
}

interface DeliverySummary {
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  delivered: number;
  expected: number;
  throughputPerS: number | null;
  windowMs: number;
  /** With two instances: latency of pairs whose writer and reader sit on the same instance, and on different ones. */
  sameInstanceP50Ms: number | null;
  crossInstanceP50Ms: number | null;
  crossInstanceP99Ms: number | null;
  /** Pairs never observed, by route: `writer <writer index> on <instance> → readers on <instance>`. */
  undeliveredByRoute: Record<string, number>;
}

/**
 * sendTimes[writer][seq]; arrivals[reader][writer][seq]; readerInstances[reader]. Throughput is every delivery over
 * the time from the first timed insert to the last observed arrival: what the readers received per second.
 */
function summarizeDeliveries(
  sendTimes: readonly number[][],
  arrivals: readonly (number | null)[][][],
  readerInstances: readonly number[],
  writerInstances: readonly number[],
): DeliverySummary {
  const all: number[] = [];
  const same: number[] = [];
  const cross: number[] = [];
  const undeliveredByRoute: Record<string, number> = {};
  let lastArrival = -Infinity;
  arrivals.forEach((readerArrivals, reader) => {
    readerArrivals.forEach((writerArrivals, writer) => {
      const isCross = readerInstances[reader] !== writerInstances[writer];
      const route = `writer ${writer} on ${writerInstances[writer]} → readers on ${readerInstances[reader]}`;
      writerArrivals.forEach((arrivedAt, seq) => {
        const sentAt = sendTimes[writer]?.[seq];
        if (sentAt === undefined) return;
        if (arrivedAt === null) {
          undeliveredByRoute[route] = (undeliveredByRoute[route] ?? 0) + 1;
          return;
        }
        const latency = arrivedAt - sentAt;
        all.push(latency);
        (isCross ? cross : same).push(latency);
        lastArrival = Math.max(lastArrival, arrivedAt);
      });
    });
  });
  const firstSend = Math.min(...sendTimes.map((times) => times[0] ?? Infinity));
  const expected = arrivals.length * sendTimes.reduce((sum, times) => sum + times.length, 0);
  const windowMs = Number.isFinite(lastArrival) && Number.isFinite(firstSend) ? lastArrival - firstSend : 0;
  return {
    p50Ms: percentile(all, 50),
    p99Ms: percentile(all, 99),
    maxMs: percentile(all, 100),
    delivered: all.length,
    expected,
    throughputPerS: windowMs > 0 ? all.length / (windowMs / 1000) : null,
    windowMs,
    sameInstanceP50Ms: percentile(same, 50),
    crossInstanceP50Ms: percentile(cross, 50),
    crossInstanceP99Ms: percentile(cross, 99),
    undeliveredByRoute,
  };
}

class ScaleOutClients {
  private constructor(readonly workers: SplitWorkers) {}

  static async start(repoRoot: string): Promise<ScaleOutClients> {
    return new ScaleOutClients(await SplitWorkers.start(repoRoot, 'writers'));
  }

  async connect(servers: RunningServer[], doc: string, assignment: Assignment, textNames: string[]): Promise<number[]> {
    const kind = servers[0]?.target.clientKind ?? 'y-websocket';
    const wsUrlOf = (instance: number): string => servers[instance]?.wsUrl ?? '';
    const writers = assignment.writerInstances.map((instance, i) => ({
      wsUrl: wsUrlOf(instance),
      textName: textNames[i] ?? '',
    }));
    await this.workers.writer.call('open-writers', { kind, doc, writers, syncTimeoutMs }, syncTimeoutMs + 5_000);
    const synced = await Promise.all(
      this.workers.readers.map((worker, i) => {
        const group = assignment.readerGroups[i] ?? { instance: 0, count: 0 };
        return worker.call(
          'open-watchers',
          { kind, wsUrl: wsUrlOf(group.instance), doc, count: group.count, textNames, syncTimeoutMs },
          syncTimeoutMs * 2,
        );
      }),
    );
    return synced.map((s) => s.syncMs);
  }

  type(count: number, intervalMs: number): Promise<{ sendTimes: number[][] }> {
    return this.workers.writer.call('type-writers', { count, intervalMs }, count * intervalMs + 30_000);
  }

  async collect(fromSeq: number, expectedLength: number): Promise<(number | null)[][][]> {
    const collected = await Promise.all(
      this.workers.readers.map((worker) =>
        worker.call(
          'collect-watchers',
          { fromSeq, expectedLength, quietMs: drainQuietMs, timeoutMs: drainTimeoutMs },
          drainTimeoutMs + 30_000,
        ),
      ),
    );
    return collected.flatMap((c) => c.arrivals);
  }

  close(): Promise<void> {
    return this.workers.close();
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const onlyTandem = 'Tandem only (references have no multi-instance mode)';

async function runScaleOutCase(context: ScenarioContext, testCase: ScaleOutCase): Promise<ResultRow> {
  const { options } = context;
  const servers = [context.server];
  while (servers.length < testCase.n) servers.push(await context.startExtraServer({}));
  await Promise.all(servers.map((server) => waitForReady(server, readyTimeoutMs)));

  const writers = options.scaleOutWriters;
  const readers = options.scaleOutReaders;
  const intervalMs = 1000 / options.scaleOutRate;
  const updatesPerWriter = Math.max(1, Math.round(options.scaleOutSeconds * options.scaleOutRate));
  const doc = `bench-scale-${testCase.n}-${Date.now().toString(36)}`;
  const textNames = Array.from({ length: writers }, (_, i) => `w${i}`);
  const assignment = assignClients(testCase.n, writers, readers);
  const readerInstances = assignment.readerGroups.flatMap((group) => Array<number>(group.count).fill(group.instance));

  const clients = await ScaleOutClients.start(context.repoRoot);
  try {
    const readerSyncMs = await clients.connect(servers, doc, assignment, textNames);
    context.log(`${writers} writers and ${readers} readers synced in ${Math.max(...readerSyncMs).toFixed(0)} ms`);
    await sleep(settleMs);
    await clients.type(warmupUpdatesPerWriter, intervalMs);
    await clients.collect(warmupUpdatesPerWriter, warmupUpdatesPerWriter);
    await sleep(settleMs);

    const serverPids = servers.map((server) => server.pid);
    const clientPids = clients.workers.pids;
    const metricsBefore = await Promise.all(servers.map((server) => scrapeMetrics(server)));
    const rssWatchers = serverPids.map((pid) => new PeakRssWatcher([pid]));
    const serverStart = serverPids.map((pid) => sampleProcesses([pid]));
    const clientStart = sampleProcesses(clientPids);
    const { sendTimes } = await clients.type(updatesPerWriter, intervalMs);
    const serverEnd = serverPids.map((pid) => sampleProcesses([pid]));
    const clientEnd = sampleProcesses(clientPids);
    const arrivals = await clients.collect(warmupUpdatesPerWriter, warmupUpdatesPerWriter + updatesPerWriter);
    const serverDrained = serverPids.map((pid) => sampleProcesses([pid]));
    const peakRssMb = rssWatchers.map((watcher) => watcher.stop() / 2 ** 20);
    const metricsAfter = await Promise.all(servers.map((server) => scrapeMetrics(server)));
    // Per instance, what the server counted over the timed run and the drain: commits, messages, closes, errors.
    const serverCounters = metricsAfter.map((after, i) => metricDeltas(metricsBefore[i] ?? new Map(), after));
    const commitMeanMs = serverCounters.map((counters) => {
      const count = counters['tandem_commit_seconds_count'] ?? 0;
      return count > 0 ? ((counters['tandem_commit_seconds_sum'] ?? 0) / count) * 1000 : null;
    });

    const summary = summarizeDeliveries(sendTimes, arrivals, readerInstances, assignment.writerInstances);
    const cpuPerInstance = serverStart.map((start, i) => cpuPercentBetween(start, serverEnd[i] ?? start));
    const complaints = servers.map((server) => serverComplaints(server));
    const complaintCount = complaints.reduce((sum, lines) => sum + lines.length, 0);
    const offeredPerS = readers * writers * options.scaleOutRate;
    // Server CPU time from the first update until the readers caught up, per 1000 deliveries: the cost of a delivery,
    // however busy the machine is (the CPU % column shows only what the server got while the writers typed).
    const serverCpuSeconds = serverStart.reduce(
      (sum, start, i) => sum + ((serverDrained[i]?.cpuSeconds ?? start.cpuSeconds) - start.cpuSeconds),
      0,
    );
    const cpuMsPer1k = summary.delivered > 0 ? (serverCpuSeconds * 1000 * 1000) / summary.delivered : null;
    const perInstance =
      testCase.n > 1
        ? `; per instance CPU ${cpuPerInstance.map((pct) => pct.toFixed(0)).join(' + ')} %, RSS ` +
          `${peakRssMb.map((mb) => mb.toFixed(0)).join(' + ')} MB; ` +
          `via Redis p50 ${summary.crossInstanceP50Ms?.toFixed(1)} ms ` +
          `(same instance ${summary.sameInstanceP50Ms?.toFixed(1)} ms)`
        : '';
    return {
      server: context.server.target.name,
      scenario: 'scale-out',
      n: testCase.n,
      p50Ms: summary.p50Ms,
      p99Ms: summary.p99Ms,
      deliveredPct: summary.expected > 0 ? (summary.delivered / summary.expected) * 100 : null,
      throughputPerS: summary.throughputPerS,
      serverCpuPct: cpuPerInstance.reduce((sum, pct) => sum + pct, 0),
      serverRssMb: peakRssMb.reduce((sum, mb) => sum + mb, 0),
      clientCpuPct: cpuPercentBetween(clientStart, clientEnd),
      note:
        `${testCase.n} instance${testCase.n > 1 ? 's' : ''} (PostgreSQL + Redis): ${writers} writers × ` +
        `${options.scaleOutRate}/s, ${readers} readers; offered ${offeredPerS}/s; server CPU ` +
        `${cpuMsPer1k?.toFixed(0) ?? '–'} ms per 1000 deliveries${perInstance}; mean commit ` +
        `${commitMeanMs.map((ms) => (ms === null ? '–' : ms.toFixed(1))).join(' / ')} ms` +
        (complaintCount > 0 ? `; server logged ${complaintCount} warning/error lines (see details)` : '') +
        `; ${onlyTandem}`,
      details: {
        instances: testCase.n,
        writers,
        readers,
        ratePerWriter: options.scaleOutRate,
        updatesPerWriter,
        warmupUpdatesPerWriter,
        offeredDeliveriesPerS: offeredPerS,
        windowMs: summary.windowMs,
        delivered: summary.delivered,
        expected: summary.expected,
        maxMs: summary.maxMs,
        sameInstanceP50Ms: summary.sameInstanceP50Ms,
        crossInstanceP50Ms: summary.crossInstanceP50Ms,
        crossInstanceP99Ms: summary.crossInstanceP99Ms,
        undeliveredByRoute: summary.undeliveredByRoute,
        writerInstances: assignment.writerInstances,
        readerGroups: assignment.readerGroups,
        serverCpuPctPerInstance: cpuPerInstance,
        serverPeakRssMbPerInstance: peakRssMb,
        readerSyncMs,
        serverComplaints: complaints,
        commitMeanMsPerInstance: commitMeanMs,
        serverCpuMsPer1kDeliveries: cpuMsPer1k,
        serverCounters,
      },
    };
  } finally {
    await clients.close();
  }
}

export function createScaleOutScenario(): Scenario<ScaleOutCase> {
  return {
    name: 'scale-out',
    description: 'writers and readers on one document: one Tandem instance, then two behind PostgreSQL and Redis',
    supports: (target) => target.name === 'tandem',
    cases: () => [
      { label: '1 instance', n: 1 },
      { label: '2 instances', n: 2 },
    ],
    serverEnv: () => ({}),
    prepareCase: (_target, _testCase, log) => prepareScaleOutCase(log),
    run: runScaleOutCase,
  };
}
