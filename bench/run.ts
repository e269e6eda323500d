// `npm run bench`: runs every scenario against Tandem and the two reference servers, each server in its own
// child process and the clients in worker processes, then prints one table and writes bench/results/latest.json.
// Add a scenario by writing a module under scenarios/ and listing it in createScenarios().
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchUsage, parseBenchOptions, type BenchOptions } from './bench-options';
import { buildTargets, type BuiltTarget } from './build-targets';
import { killAllClientProcesses } from './client-process';
import { sampleMachineCpu, stealPercentBetween } from './process-stats';
import { formatResultTable } from './report-table';
import { createColdLoadScenario } from './scenarios/cold-load';
import { createEditorTypingScenario } from './scenarios/editor-typing';
import { createExportScenario } from './scenarios/export';
import { createFanoutScenario } from './scenarios/fanout';
import { createLargeDocScenario } from './scenarios/large-doc';
import { createScaleOutScenario } from './scenarios/scale-out';
import {
  CaseSkipped,
  type AnyScenario,
  type PreparedCase,
  type ResultRow,
  type ScenarioCase,
} from './scenarios/scenario';
import { killAllServers, startServer, type RunningServer } from './server-process';
import { isTargetAvailable, listServerTargets, type ServerTarget } from './server-targets';

/** Above this share of CPU time lost to other guests (steal), the run's latencies are not comparable. */
const STEAL_WARNING_PCT = 10;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tracePath = '/work/shared/data/automerge-paper.json.gz';
/** A case that has not finished in this long is abandoned, so the bench always ends. */
const caseTimeoutMs = 180_000;

function createScenarios(): AnyScenario[] {
  return [
    createFanoutScenario(),
    createColdLoadScenario(tracePath),
    createLargeDocScenario(tracePath),
    createExportScenario(),
    createEditorTypingScenario(),
    createScaleOutScenario(),
  ];
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function errorRow(target: ServerTarget, scenario: AnyScenario, testCase: ScenarioCase, error: unknown): ResultRow {
  const message = error instanceof Error ? error.message : String(error);
  const isSkipped = error instanceof CaseSkipped;
  return {
    server: target.name,
    scenario: scenario.name,
    n: testCase.n,
    p50Ms: null,
    p99Ms: null,
    deliveredPct: null,
    serverCpuPct: null,
    serverRssMb: null,
    clientCpuPct: null,
    throughputPerS: null,
    note: `${isSkipped ? 'skipped' : 'error'}: ${message.split('\n')[0]}`,
    details: isSkipped ? { skipped: message } : { error: message },
  };
}

async function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function runCase(
  scenario: AnyScenario,
  testCase: ScenarioCase,
  target: BuiltTarget,
  options: BenchOptions,
): Promise<ResultRow[]> {
  const label = `${scenario.name} ${testCase.label} on ${target.name}`;
  log(`${label}: starting`);
  const servers: RunningServer[] = [];
  let prepared: PreparedCase | undefined;
  try {
    prepared = await scenario.prepareCase?.(target, testCase, (message) => log(`${label}: ${message}`));
    const env = { ...scenario.serverEnv(target), ...prepared?.env };
    const server = await startServer(target, repoRoot, env, options.probeSends);
    servers.push(server);
    const result = await withDeadline(
      scenario.run(
        {
          server,
          repoRoot,
          options,
          log: (message) => log(`${label}: ${message}`),
          startExtraServer: async (extraEnv) => {
            const extra = await startServer(target, repoRoot, { ...env, ...extraEnv });
            servers.push(extra);
            return extra;
          },
        },
        testCase,
      ),
      scenario.caseTimeoutMs ?? caseTimeoutMs,
      label,
    );
    const rows = Array.isArray(result) ? result : [result];
    for (const row of rows) {
      const what = rows.length > 1 ? `${label} (${row.scenario})` : label;
      log(`${what}: p50 ${row.p50Ms?.toFixed(1) ?? '–'} ms, p99 ${row.p99Ms?.toFixed(1) ?? '–'} ms`);
    }
    return rows;
  } catch (error) {
    if (error instanceof CaseSkipped) {
      log(`skipping ${label}: ${error.message}`);
      return [errorRow(target, scenario, testCase, error)];
    }
    log(`${label}: failed: ${error instanceof Error ? error.message : String(error)}`);
    const output = servers[0]?.recentOutput();
    if (output) log(`server output:\n${output}`);
    killAllClientProcesses(); // a timed-out scenario may have left workers behind
    return [errorRow(target, scenario, testCase, error)];
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await prepared?.cleanup().catch((error: unknown) => {
      log(`${label}: cleanup failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
}

/** Runs of one case on one server, at most, while the machine keeps disturbing them (see Scenario.disturbance). */
const MAX_DISTURBED_ATTEMPTS = 3;

/** Runs one case on one server, again when something outside disturbed the run; keeps the least disturbed run. */
async function runUndisturbed(
  scenario: AnyScenario,
  testCase: ScenarioCase,
  target: BuiltTarget,
  options: BenchOptions,
): Promise<ResultRow[]> {
  let best: { rows: ResultRow[]; severity: number } | null = null;
  for (let attempt = 1; attempt <= MAX_DISTURBED_ATTEMPTS; attempt++) {
    const rows = await runCase(scenario, testCase, target, options);
    const disturbance = scenario.disturbance?.(rows) ?? null;
    if (!disturbance) return rows;
    if (!best || disturbance.severity < best.severity) best = { rows, severity: disturbance.severity };
    const next = attempt < MAX_DISTURBED_ATTEMPTS ? 'running it again' : 'keeping the least disturbed run';
    log(`${scenario.name} ${testCase.label} on ${target.name}: disturbed (${disturbance.reason}); ${next}`);
  }
  return best!.rows;
}

/**
 * Runs one case on every server, round after round, with the servers taking turns within a round (in a rotating
 * order) so that they all run under the same conditions; then merges each server's rounds and lets the scenario judge
 * its target.
 */
async function runCaseRounds(
  scenario: AnyScenario,
  testCase: ScenarioCase,
  targets: BuiltTarget[],
  options: BenchOptions,
): Promise<ResultRow[]> {
  const rounds = scenario.rounds?.(options) ?? 1;
  const rowsByTarget = new Map<string, ResultRow[]>(targets.map((target) => [target.name, []]));
  for (let round = 1; round <= rounds; round++) {
    if (rounds > 1) log(`${scenario.name} ${testCase.label}: round ${round} of ${rounds}`);
    // Each round starts with the next server, so none always runs first (after a pause) or last.
    const order = targets.map((_, i) => targets[(i + round - 1) % targets.length]!);
    for (const target of order) rowsByTarget.get(target.name)?.push(...(await runUndisturbed(scenario, testCase, target, options)));
  }
  const combined = Array.from(rowsByTarget.values()).flatMap((targetRows) => {
    const failed = targetRows.find((row) => row.note.startsWith('error:') || row.note.startsWith('skipped:'));
    if (failed || rounds === 1 || !scenario.combineRounds) return failed ? [failed] : targetRows;
    return [scenario.combineRounds(targetRows)];
  });
  return scenario.judge ? scenario.judge(combined) : combined;
}

function selectScenarios(all: AnyScenario[], options: BenchOptions): AnyScenario[] {
  const unknown = options.only.filter((name) => !all.some((scenario) => scenario.name === name));
  if (unknown.length > 0) {
    throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${all.map((s) => s.name).join(', ')}`);
  }
  return options.only.length === 0 ? all : all.filter((scenario) => options.only.includes(scenario.name));
}

function selectTargets(options: BenchOptions): ServerTarget[] {
  const all = listServerTargets(repoRoot);
  const unknown = options.servers.filter((name) => !all.some((target) => target.name === name));
  if (unknown.length > 0) {
    throw new Error(`unknown server ${unknown.join(', ')}; known: ${all.map((t) => t.name).join(', ')}`);
  }
  const wanted = options.servers.length === 0 ? all : all.filter((target) => options.servers.includes(target.name));
  return wanted.filter((target) => {
    if (isTargetAvailable(target)) return true;
    log(`skipping ${target.name}: ${path.relative(repoRoot, target.entry)} does not exist yet`);
    return false;
  });
}

async function main(): Promise<number> {
  const options = parseBenchOptions(process.argv.slice(2), path.join(repoRoot, 'bench/results/latest.json'));
  if (options.shouldShowHelp) {
    console.log(benchUsage);
    return 0;
  }
  const scenarios = selectScenarios(createScenarios(), options);
  log('bundling the servers (esbuild)');
  const targets = await buildTargets(selectTargets(options), repoRoot);
  const startedAt = new Date();
  const loadAverageAtStart = os.loadavg()[0] ?? 0;
  const machineCpuAtStart = sampleMachineCpu();
  const rows: ResultRow[] = [];
  for (const scenario of scenarios) {
    for (const testCase of scenario.cases(options)) {
      rows.push(...(await runCaseRounds(scenario, testCase, targets.filter((t) => scenario.supports(t)), options)));
    }
  }

  const cpu = os.cpus();
  const results = {
    startedAt: startedAt.toISOString(),
    durationS: (Date.now() - startedAt.getTime()) / 1000,
    machine: { cpus: cpu.length, cpuModel: cpu[0]?.model ?? 'unknown', node: process.version, platform: process.platform },
    // Other work on the machine skews every number; the 1-minute load average says how busy it was.
    loadAverage: { atStart: loadAverageAtStart, atEnd: os.loadavg()[0] ?? 0 },
    // On a shared VM, other guests take CPU time the bench wanted (steal): the load average does not show it.
    stealPct: stealPercentBetween(machineCpuAtStart, sampleMachineCpu()),
    options,
    rows,
  };
  mkdirSync(path.dirname(options.resultsPath), { recursive: true });
  writeFileSync(options.resultsPath, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\n${formatResultTable(rows)}\n`);
  console.log(
    `${cpu.length} CPUs (${results.machine.cpuModel}), Node ${process.version}; CPU % is of one core; ` +
      `load average ${results.loadAverage.atStart.toFixed(1)} → ${results.loadAverage.atEnd.toFixed(1)}; ` +
      (results.stealPct === null ? '' : `CPU steal ${results.stealPct.toFixed(0)} %; `) +
      `took ${results.durationS.toFixed(0)} s; JSON in ${path.relative(process.cwd(), options.resultsPath)}`,
  );
  // Only the figure at the start says something about other work: by the end, the 1-minute average is mostly the
  // bench's own processes (scale-out alone runs two servers, PostgreSQL, Redis and 54 clients).
  if (results.loadAverage.atStart > cpu.length) {
    console.log(
      `warning: load average ${results.loadAverage.atStart.toFixed(1)} at the start exceeds ${cpu.length} CPUs: other ` +
        'work was running, so latencies are inflated and noisy',
    );
  }
  if (results.stealPct !== null && results.stealPct > STEAL_WARNING_PCT) {
    console.log(
      `warning: the hypervisor gave ${results.stealPct.toFixed(0)} % of the CPU time this run wanted to other guests ` +
        '(steal): latencies are inflated and noisy; compare only runs with little steal',
    );
  }
  return rows.some((row) => row.note.startsWith('error:')) ? 1 : 0;
}

const killChildren = (): void => {
  killAllClientProcesses();
  killAllServers();
};
process.on('exit', killChildren);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killChildren();
    process.exit(130);
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
