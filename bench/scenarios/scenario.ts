// What a scenario module provides and what the harness gives it. A scenario lists its cases; the harness
// starts a fresh server (its own child process) for every case and server, so no case inherits another's memory.
import type { BenchOptions } from '../bench-options';
import type { RunningServer } from '../server-process';
import type { ServerTarget } from '../server-targets';

export interface ResultRow {
  server: string;
  scenario: string;
  /** The case's size parameter (readers for fan-out); null when the scenario has none. */
  n: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
  deliveredPct: number | null;
  serverCpuPct: number | null;
  serverRssMb: number | null;
  clientCpuPct: number | null;
  /** Updates delivered per second, summed over all readers (scale-out); absent or null elsewhere. */
  throughputPerS?: number | null;
  /** How to read the row (e.g. where the document came from), or the error that stopped it. */
  note: string;
  /** Everything else worth keeping in latest.json. */
  details?: Record<string, unknown>;
}

export interface ScenarioCase {
  /** Shown in progress lines, e.g. "N=50". */
  label: string;
  n: number | null;
}

export interface ScenarioContext {
  server: RunningServer;
  repoRoot: string;
  options: BenchOptions;
  log(message: string): void;
  /** Starts another instance of the same server (e.g. a second node behind Redis); the harness stops it. */
  startExtraServer(env: Record<string, string>): Promise<RunningServer>;
}

/** Thrown by `prepareCase` when the case cannot run here (e.g. a service it needs is unreachable): the harness
 * prints the reason and records a `skipped:` row, which is not a failure. */
export class CaseSkipped extends Error {
  override name = 'CaseSkipped';
}

/** What `prepareCase` set up outside the server for one case: extra server environment, and how to undo it. */
export interface PreparedCase {
  env: Record<string, string>;
  /** Runs after every server of the case has stopped. */
  cleanup(): Promise<void>;
}

export interface Scenario<Case extends ScenarioCase = ScenarioCase> {
  /** Matched by --only. */
  name: string;
  description: string;
  supports(target: ServerTarget): boolean;
  cases(options: BenchOptions): Case[];
  /** Extra environment for the server under test in this scenario. */
  serverEnv(target: ServerTarget): Record<string, string>;
  /** Optional: sets up what the case needs before its server starts (e.g. a fresh database schema). */
  prepareCase?(target: ServerTarget, testCase: Case, log: (message: string) => void): Promise<PreparedCase>;
  /** Optional: how long one case may take before it is abandoned (default: the harness's 3 minutes). */
  caseTimeoutMs?: number;
  /** One row, or several when a case measures several things on one server (e.g. one per export format). */
  run(context: ScenarioContext, testCase: Case): Promise<ResultRow | ResultRow[]>;
  /**
   * Optional: how often each case runs on every server (default 1). Rounds interleave the servers (round 1 runs
   * every server, then round 2 …), so a slow spell of the machine hits all of them rather than one.
   */
  rounds?(options: BenchOptions): number;
  /**
   * Optional: why a run was disturbed from outside (e.g. the hypervisor took much of the CPU time it wanted), or
   * null. A disturbed run is repeated, a few times at most, for whichever server it hit; the least disturbed run
   * counts. Judged on the machine, never on the latencies measured.
   */
  disturbance?(rows: ResultRow[]): { reason: string; severity: number } | null;
  /** With several rounds: merges one server's rows of one case (one per round) into the row the table shows. */
  combineRounds?(rows: ResultRow[]): ResultRow;
  /** Optional: given every server's final row of one case, returns them with the scenario's target judged. */
  judge?(rows: ResultRow[]): ResultRow[];
}

/** Erases a scenario's case type so scenarios of different cases fit in one list. */
export type AnyScenario = Scenario<ScenarioCase>;
