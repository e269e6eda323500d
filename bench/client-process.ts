// Parent side of a client worker: forks bench/client/worker.ts as its own process and calls its commands.
// Every call has a timeout; close() ends the worker and kills it if it does not exit on its own.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { ClientCommand, ClientCommands, ClientReply, ClientRequest } from './client/client-protocol';

const exitTimeoutMs = 3_000;

const liveWorkers = new Set<ChildProcess>();

/** Kills every client worker still running; the harness calls it on exit and on signals. */
export function killAllClientProcesses(): void {
  for (const child of liveWorkers) child.kill('SIGKILL');
  liveWorkers.clear();
}

export class ClientProcess {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (reply: ClientReply) => {
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.result);
      else waiter.reject(new Error(reply.error));
    });
    child.on('exit', (code, signal) => {
      liveWorkers.delete(child);
      for (const waiter of this.pending.values()) {
        waiter.reject(new Error(`client worker exited (${signal ?? code})`));
      }
      this.pending.clear();
    });
  }

  static start(repoRoot: string, label: string): ClientProcess {
    const child = fork(path.join(repoRoot, 'bench/client/worker.ts'), [label], {
      cwd: repoRoot,
      execArgv: ['--import', 'tsx'],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    liveWorkers.add(child);
    return new ClientProcess(child);
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  call<C extends ClientCommand>(
    command: C,
    params: ClientCommands[C]['params'],
    timeoutMs: number,
  ): Promise<ClientCommands[C]['result']> {
    const id = this.nextId++;
    const request: ClientRequest<C> = { id, command, params };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`client worker: ${command} took longer than ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as ClientCommands[C]['result']);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.child.send(request);
    });
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      await this.call('close-all', {}, exitTimeoutMs);
    } catch {
      // a stuck worker is killed below; its connections die with it
    }
    if (this.child.connected) this.child.disconnect();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), exitTimeoutMs);
    await exited;
    clearTimeout(timer);
  }
}

/** Starts one worker per label and waits until each answers, so start-up cost stays out of measurements. */
export async function startClientProcesses(repoRoot: string, labels: string[]): Promise<ClientProcess[]> {
  const workers = labels.map((label) => ClientProcess.start(repoRoot, label));
  await Promise.all(workers.map((worker) => worker.call('close-all', {}, 30_000)));
  return workers;
}

/** The worker layout of the latency scenarios: passive readers split over two processes, the writers in a third. */
export class SplitWorkers {
  private constructor(
    readonly all: ClientProcess[],
    readonly readers: ClientProcess[],
    readonly writer: ClientProcess,
  ) {}

  static async start(repoRoot: string, writerLabel: string): Promise<SplitWorkers> {
    const all = await startClientProcesses(repoRoot, ['readers-a', 'readers-b', writerLabel]);
    const [readersA, readersB, writer] = all as [ClientProcess, ClientProcess, ClientProcess];
    return new SplitWorkers(all, [readersA, readersB], writer);
  }

  get pids(): number[] {
    return this.all.map((worker) => worker.pid);
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((worker) => worker.close()));
  }
}
