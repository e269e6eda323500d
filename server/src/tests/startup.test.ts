// Starting the real entry point with a bad environment or a taken port: one line on stderr that names the cause,
// a non-zero exit, and no stack trace.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnServer, type ServerProcess } from '../test-support/server-process';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Runs server/src/main.ts to its exit; resolves with the exit code and what it wrote to stderr. */
function runToExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: repoRoot,
      env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not exit; stderr: ${stderr}`));
    }, 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

let dataDir: string;
let running: ServerProcess | undefined;
afterEach(async () => {
  running?.child.kill('SIGKILL');
  await running?.exited;
  running = undefined;
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('startup errors', () => {
  it('stops on a bad configuration value with one line naming it (exit 2)', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'tandem-startup-'));
    const { code, stderr } = await runToExit({ DATA_DIR: dataDir, PORT: 'eighty', IDLE_UNLOAD_MS: '-5' });
    expect(code).toBe(2);
    expect(stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^tandem: Invalid configuration: PORT="eighty" is invalid .*; IDLE_UNLOAD_MS="-5" is invalid/),
    ]);
  });

  it('stops with one line naming DATA_DIR when the store cannot be made there (exit 1)', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'tandem-startup-'));
    const underAFile = path.join(dataDir, 'a-file', 'data');
    await writeFile(path.join(dataDir, 'a-file'), 'not a directory');
    const { code, stderr } = await runToExit({ DATA_DIR: underAFile });
    expect(code).toBe(1);
    expect(stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^tandem: failed to start: DATA_DIR="${underAFile}" cannot be used: ENOTDIR`)),
    ]);
  });

  it.runIf(existsSync('/proc/self'))('stops with one line naming DATA_DIR under /proc, where mkdir cannot answer plainly (exit 1)', async () => {
    const { code, stderr } = await runToExit({ DATA_DIR: '/proc/tandem-data' });
    expect(code).toBe(1);
    expect(stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^tandem: failed to start: DATA_DIR="\/proc\/tandem-data" cannot be used: ENOENT/),
    ]);
  });

  it('stops with one line naming DATABASE_URL, password masked, when the database cannot be reached (exit 1)', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'tandem-startup-'));
    const { code, stderr } = await runToExit({ DATA_DIR: dataDir, DATABASE_URL: 'postgres://tandem:secret@127.0.0.1:1/none' });
    expect(code).toBe(1);
    expect(stderr.trimEnd().split('\n')).toEqual([
      'tandem: failed to start: DATABASE_URL="postgres://tandem:***@127.0.0.1:1/none" cannot be used: connect ECONNREFUSED 127.0.0.1:1',
    ]);
  });

  it('stops with one line when another server already uses the DATA_DIR, and starts there once it is gone', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'tandem-startup-'));
    running = await spawnServer({ DATA_DIR: dataDir });
    const { code, stderr } = await runToExit({ DATA_DIR: dataDir, PORT: '0' });
    expect(code).toBe(1);
    expect(stderr.trimEnd().split('\n')).toEqual([
      `tandem: failed to start: DATA_DIR="${dataDir}" cannot be used: another Tandem server is using it (one server per DATA_DIR; instances that share documents use DATABASE_URL and REDIS_URL)`,
    ]);
    // Killed outright, the first server leaves no lock behind.
    running.child.kill('SIGKILL');
    await running.exited;
    running = await spawnServer({ DATA_DIR: dataDir });
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
  });

  it('stops with one line when the port is taken, instead of an unhandled error event (exit 1)', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'tandem-startup-'));
    running = await spawnServer({ DATA_DIR: path.join(dataDir, 'first') });
    const { code, stderr } = await runToExit({ DATA_DIR: path.join(dataDir, 'second'), PORT: String(running.port) });
    expect(code).toBe(1);
    expect(stderr.trimEnd().split('\n')).toEqual([
      `tandem: failed to start: 127.0.0.1:${running.port} is already in use; stop the other process or set PORT`,
    ]);
  });
});
