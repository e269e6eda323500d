// Starts one server as a child process on a free loopback port, waits until it answers, and stops it again.
// The child is plain `node <bundle>` (see build-targets.ts), so its pid is the server itself and /proc shows its own
// CPU and RSS.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { BuiltTarget } from './build-targets';
import { SendProbe } from './send-probe';

const startTimeoutMs = 30_000;
const stopTimeoutMs = 5_000;
const keptOutputLines = 40;

export interface RunningServer {
  target: BuiltTarget;
  pid: number;
  port: number;
  httpUrl: string;
  /** WebSocket base URL; a client appends `/<doc>`. */
  wsUrl: string;
  env: Readonly<Record<string, string>>;
  /** Set when the server runs with the send probe preloaded (`--probe`). */
  probe: SendProbe | null;
  /** The last lines the server printed, for error messages. */
  recentOutput(): string;
  stop(): Promise<void>;
}

const liveChildren = new Set<ChildProcess>();

/** Kills every server still running; the harness calls it on exit and on signals. */
export function killAllServers(): void {
  for (const child of liveChildren) child.kill('SIGKILL');
  liveChildren.clear();
}

async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      const text = output();
      const cause = text.split('\n').find((line) => /error/i.test(line)) ?? 'no output';
      throw new Error(`server exited with code ${child.exitCode}: ${cause.trim()}\n${text}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not listening yet: retry until the deadline
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not answer ${url} within ${startTimeoutMs} ms:\n${output()}`);
}

export async function startServer(
  target: BuiltTarget,
  repoRoot: string,
  extraEnv: Record<string, string> = {},
  withProbe = false,
): Promise<RunningServer> {
  const port = await findFreePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `tandem-bench-${target.name}-`));
  const env = { ...target.env, ...extraEnv, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir };
  // Outside DATA_DIR, so the result never lands in the server's own data.
  const probeOut = withProbe ? path.join(mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-probe-')), 'sends.json') : '';
  const child = spawn(process.execPath, [...target.nodeArgs, ...(withProbe ? SendProbe.nodeArgs : []), target.runEntry], {
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: 'production', ...env, ...(withProbe ? { BENCH_PROBE_OUT: probeOut } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  liveChildren.add(child);
  const lines: string[] = [];
  const keep = (chunk: Buffer): void => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    if (lines.length > keptOutputLines) lines.splice(0, lines.length - keptOutputLines);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const recentOutput = (): string => lines.join('\n');

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
      await exited;
      clearTimeout(timer);
    }
    liveChildren.delete(child);
    rmSync(dataDir, { recursive: true, force: true });
    if (probeOut) rmSync(path.dirname(probeOut), { recursive: true, force: true });
  };

  try {
    await waitForHealth(`http://127.0.0.1:${port}${target.healthPath}`, child, recentOutput);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    target,
    pid: child.pid ?? -1,
    port,
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}${target.wsPath}`,
    env,
    probe: withProbe && child.pid !== undefined ? new SendProbe(child.pid, probeOut) : null,
    recentOutput,
    stop,
  };
}
