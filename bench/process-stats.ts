// Reads CPU time and resident memory of processes and their children from /proc (Linux only).
// The esbuild service that tsx keeps beside every process is left out: it is the loader, not the code under test.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessSample {
  cpuSeconds: number;
  rssBytes: number;
  atMs: number;
}

interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  cpuTicks: number;
}

const clockTicksPerSecond = readClockTicks();

function readClockTicks(): number {
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(value) && value > 0 ? value : 100;
  } catch {
    return 100; // getconf missing: 100 is the Linux default
  }
}

function readProcStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // the process exited between listing and reading
  }
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  // After "pid (comm) ": field 3 (state) is index 0, so ppid (4) is 1, utime (14) is 11, stime (15) is 12.
  const fields = text.slice(close + 2).split(' ');
  return {
    pid,
    comm: text.slice(open + 1, close),
    ppid: Number(fields[1]),
    cpuTicks: Number(fields[11]) + Number(fields[12]),
  };
}

function readRssBytes(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0; // exited meanwhile: it holds no memory
  }
}

function listProcessTrees(rootPids: readonly number[]): ProcStat[] {
  const all: ProcStat[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProcStat(Number(entry));
    if (stat) all.push(stat);
  }
  const inTree = new Set(rootPids);
  let hasGrown = true;
  while (hasGrown) {
    hasGrown = false;
    for (const stat of all) {
      if (!inTree.has(stat.pid) && inTree.has(stat.ppid)) {
        inTree.add(stat.pid);
        hasGrown = true;
      }
    }
  }
  return all.filter((stat) => inTree.has(stat.pid) && stat.comm !== 'esbuild');
}

/** CPU seconds and RSS summed over the process trees rooted at the given pids. */
export function sampleProcesses(pids: readonly number[]): ProcessSample {
  let ticks = 0;
  let rssBytes = 0;
  for (const stat of listProcessTrees(pids)) {
    ticks += stat.cpuTicks;
    rssBytes += readRssBytes(stat.pid);
  }
  return { cpuSeconds: ticks / clockTicksPerSecond, rssBytes, atMs: performance.now() };
}

/** CPU use between two samples, in percent of one core (200 means two cores busy). */
export function cpuPercentBetween(start: ProcessSample, end: ProcessSample): number {
  const wallSeconds = (end.atMs - start.atMs) / 1000;
  return wallSeconds > 0 ? ((end.cpuSeconds - start.cpuSeconds) / wallSeconds) * 100 : 0;
}

/** Samples RSS every intervalMs and keeps the peak, so a spike between two reads is not missed. */
export class PeakRssWatcher {
  private peakBytes = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pids: readonly number[],
    intervalMs = 200,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  private sample(): void {
    this.peakBytes = Math.max(this.peakBytes, sampleProcesses(this.pids).rssBytes);
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peakBytes;
  }
}

/** The machine's CPU time (all CPUs) from /proc/stat, in ticks; null where there is no /proc/stat. */
export interface MachineCpuSample {
  /** Time the CPUs ran anything: user, nice, system, irq, softirq. */
  busyTicks: number;
  /** Time a virtual CPU wanted to run but the hypervisor ran another guest instead. */
  stealTicks: number;
}

export function sampleMachineCpu(): MachineCpuSample | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
    if (steal === undefined || [user, nice, system, irq, softirq].some((v) => v === undefined || Number.isNaN(v))) return null;
    return { busyTicks: user! + nice! + system! + irq! + softirq!, stealTicks: steal };
  } catch {
    return null;
  }
}

/**
 * Of the CPU time the machine wanted between two samples, the percentage the hypervisor gave to other guests. On a
 * shared VM this is what makes one run's latencies several times another's; null when it cannot be read.
 */
export function stealPercentBetween(start: MachineCpuSample | null, end: MachineCpuSample | null): number | null {
  if (!start || !end) return null;
  const steal = end.stealTicks - start.stealTicks;
  const wanted = end.busyTicks - start.busyTicks + steal;
  return wanted > 0 ? (steal / wanted) * 100 : 0;
}
