// The admin CLI as users run it (`npm run admin`: node dist/server/admin.mjs …, the bundle built from this checkout's
// sources before the tests) against a real server: tables for people, JSON for scripts, files for exports, one
// readable line and a non-zero exit for every failure.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { adminBundle, buildServer } from '../../../scripts/build-server.mjs';
import { TokenVerifier } from '../auth/tokens';
import { connectClient, waitSynced } from '../test-support/clients';
import { spawnServer } from '../test-support/server-process';
import { startTestServer, type TestServer } from '../test-support/test-server';
import { importMarkdown, markdownOf } from './admin-test-helpers';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const AUTH_SECRET = 'cli-test-secret-0123456789abcdef';

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

let server: TestServer;
let workDir: string;

beforeAll(async () => {
  await buildServer();
  server = await startTestServer();
  workDir = mkdtempSync(path.join(tmpdir(), 'tandem-cli-'));
  await importMarkdown(server, 'cli-doc', '# From the CLI\n\nhello');
});
afterAll(async () => {
  await server.stop();
  rmSync(workDir, { recursive: true, force: true });
});

/** Runs the CLI in a child process (asynchronously: the server under test lives in this one). */
function runCli(args: string[], options: { env?: Record<string, string>; stdin?: string } = {}): Promise<CliRun> {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    TANDEM_URL: server.url,
    ADMIN_TOKEN: server.ctx.adminToken,
    DATA_DIR: workDir,
    ...options.env,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [adminBundle, ...args], { cwd: repoRoot, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

async function closedPortUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe('admin CLI', () => {
  it('lists documents as an aligned table', async () => {
    const run = await runCli(['list']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [header, ...rows] = run.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^NAME\s+SIZE\s+UPDATED\s+CLIENTS$/);
    const row = rows.find((line) => line.startsWith('cli-doc '));
    expect(row).toMatch(/^cli-doc\s+\d+(\.\d)? (B|KiB)\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (UTC|[+-]\d\d:\d\d)\s+0$/);
    expect(row!.indexOf('0', row!.length - 1)).toBe(header!.indexOf('CLIENTS'));
  });

  it('lists documents as JSON with --json', async () => {
    const run = await runCli(['list', '--json']);
    expect(run.code).toBe(0);
    const docs = JSON.parse(run.stdout) as Array<{ name: string; bytes: number; updatedAt: number; clients: number }>;
    expect(docs.find((d) => d.name === 'cli-doc')).toMatchObject({ bytes: expect.any(Number), clients: 0 });
  });

  it('exports to a file with -o, guessing the format from its extension', async () => {
    const file = path.join(workDir, 'out.md');
    const run = await runCli(['export', 'cli-doc', '-o', file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(file);
    expect(readFileSync(file, 'utf8')).toBe('# From the CLI\n\nhello\n');

    const html = path.join(workDir, 'out.html');
    expect((await runCli(['export', 'cli-doc', '--format', 'html', '-o', html])).code).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain('From the CLI');
  });

  it('exports to stdout without -o', async () => {
    const run = await runCli(['export', 'cli-doc', '--format', 'text']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('From the CLI\n\nhello\n');
  });

  it('imports from a file and from stdin', async () => {
    const file = path.join(workDir, 'in.md');
    writeFileSync(file, '*imported* from a file');
    const fromFile = await runCli(['import', 'cli-import', '-i', file]);
    expect(fromFile.code).toBe(0);
    expect(fromFile.stdout).toMatch(/^imported markdown into cli-import/);

    const fromStdin = await runCli(['import', 'cli-import', '--format', 'markdown', '--json'], { stdin: 'piped in' });
    expect(fromStdin.code).toBe(0);
    expect(JSON.parse(fromStdin.stdout)).toMatchObject({ name: 'cli-import' });
    expect((await runCli(['export', 'cli-import', '--format', 'markdown'])).stdout).toBe('piped in\n');
  });

  it('creates, lists and restores versions', async () => {
    await importMarkdown(server, 'cli-versions', 'original');
    const created = await runCli(['snapshot', 'cli-versions', '--label', 'First cut', '--json']);
    expect(created.code).toBe(0);
    const version = JSON.parse(created.stdout) as { id: string; label: string; author: string };
    expect(version).toMatchObject({ label: 'First cut', author: 'admin' });

    await importMarkdown(server, 'cli-versions', 'changed');
    const listed = await runCli(['snapshots', 'cli-versions']);
    expect(listed.stdout).toMatch(/^ID\s+CREATED\s+KIND\s+SIZE\s+AUTHOR\s+LABEL\n/);
    expect(listed.stdout).toContain(version.id);
    expect(listed.stdout).toContain('First cut');

    const restored = await runCli(['restore', 'cli-versions', version.id]);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain(`restored cli-versions to version ${version.id}`);
    expect((await runCli(['export', 'cli-versions', '--format', 'markdown'])).stdout).toBe('original\n');
  });

  it('deletes a document', async () => {
    await importMarkdown(server, 'cli-delete', 'x');
    const run = await runCli(['delete', 'cli-delete']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('deleted cli-delete\n');
    expect(server.ctx.registry.peek('cli-delete')).toBeUndefined();
  });

  it('reads the admin token from DATA_DIR/admin-token when ADMIN_TOKEN is unset', async () => {
    const run = await runCli(['list', '--json'], { env: { ADMIN_TOKEN: '', DATA_DIR: server.dataDir } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('mints a token the server accepts, locally, with AUTH_SECRET', async () => {
    const run = await runCli(['token', '--doc', 'team-*', '--role', 'viewer', '--name', 'Ann', '--ttl', '2h'], { env: { AUTH_SECRET, TANDEM_URL: await closedPortUrl() } });
    expect(run.code).toBe(0);
    const check = await new TokenVerifier(AUTH_SECRET).verify(run.stdout.trim(), 'team-notes');
    expect(check).toMatchObject({ ok: true, claims: { name: 'Ann', role: 'viewer', doc: 'team-*' } });
  });

  it('fails clearly when AUTH_SECRET is unset for token', async () => {
    const run = await runCli(['token', '--doc', 'x', '--role', 'editor']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/AUTH_SECRET is not set/);
  });

  it('refuses to mint with an AUTH_SECRET the server would refuse to start with', async () => {
    const run = await runCli(['token', '--doc', 'x', '--role', 'editor'], { env: { AUTH_SECRET: 'too-short' } });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/AUTH_SECRET is invalid \(must be at least 16 characters/);
  });

  it('reports a wrong admin token on one line and exits non-zero', async () => {
    const run = await runCli(['list'], { env: { ADMIN_TOKEN: 'wrong-token-0123456789' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^tandem-admin: admin token rejected: .+\n$/);
  });

  it('reports an unknown document', async () => {
    const run = await runCli(['export', 'no-such-doc', '--format', 'markdown']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('tandem-admin: no document named no-such-doc\n');
  });

  it('reports an unreachable server', async () => {
    const url = await closedPortUrl();
    const run = await runCli(['list'], { env: { TANDEM_URL: url } });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`tandem-admin: cannot reach Tandem at ${url}: is it running?\n`);
  });

  it('reports the size limit for every import far larger than MAX_DOC_BYTES, never an unreachable server', { timeout: 60_000 }, async () => {
    // The server answered 413 and closed the connection while the CLI was still sending: the CLI got no answer and
    // said "cannot reach Tandem … is it running?" in 14 of 25 tries of a walk-through (40 MB against 32 MB).
    const small = await startTestServer({ MAX_DOC_BYTES: '100000' });
    try {
      const file = path.join(workDir, 'huge.md');
      writeFileSync(file, 'x'.repeat(20_000_000));
      const env = { TANDEM_URL: small.url, ADMIN_TOKEN: small.ctx.adminToken };
      const runs = await Promise.all(Array.from({ length: 4 }, () => runCli(['import', 'huge', '--format', 'markdown', '-i', file], { env })));
      for (const run of runs) {
        expect(run.stderr).toBe('tandem-admin: the body is larger than MAX_DOC_BYTES (100000 bytes)\n');
        expect(run.code).toBe(1);
      }
    } finally {
      await small.stop();
    }
  });

  it('refuses to read a DATA_DIR that holds no database, instead of making an empty one there', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'tandem-cli-typo-'));
    try {
      const typo = path.join(parent, 'dtaa');
      const env = { DATA_DIR: typo, TANDEM_URL: await closedPortUrl(), ADMIN_TOKEN: '' };
      for (const args of [['list', '--direct'], ['export', 'notes', '--format', 'markdown', '--direct']]) {
        const run = await runCli(args, { env });
        expect(run.code).toBe(1);
        expect(run.stderr).toBe(`tandem-admin: no database at ${path.join(typo, 'tandem.db')}: is DATA_DIR="${typo}" the server's DATA_DIR?\n`);
      }
      expect(existsSync(typo)).toBe(false);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it('works on the database directly with --direct, and a server started later serves what it wrote', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-cli-direct-'));
    try {
      // TANDEM_URL points nowhere: --direct must not need it.
      const env = { DATA_DIR: dataDir, TANDEM_URL: await closedPortUrl(), ADMIN_TOKEN: '' };
      const input = path.join(dataDir, 'notes.md');
      writeFileSync(input, '# Offline notes\n\nWritten without a server.\n');
      const imported = await runCli(['import', 'offline', '-i', input, '--format', 'markdown', '--direct'], { env });
      expect(imported.stderr).toBe('');
      expect(imported.code).toBe(0);
      const listed = await runCli(['list', '--json', '--direct'], { env });
      expect((JSON.parse(listed.stdout) as Array<{ name: string }>).map((d) => d.name)).toEqual(['offline']);
      // The CLI's own server kept its token to itself: a file left behind would outlive a later ADMIN_TOKEN.
      expect(existsSync(path.join(dataDir, 'admin-token'))).toBe(false);

      const later = await spawnServer({ DATA_DIR: dataDir });
      try {
        const token = readFileSync(path.join(dataDir, 'admin-token'), 'utf8').trim();
        const res = await fetch(`${later.url}/admin/docs/offline/export?format=markdown`, { headers: { Authorization: `Bearer ${token}` } });
        expect(await res.text()).toBe('# Offline notes\n\nWritten without a server.\n');
      } finally {
        later.child.kill('SIGTERM');
        await later.exited;
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('finds the server that holds DATA_DIR on any port, so an import reaches its open editors at once', { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-cli-holder-'));
    // TANDEM_URL unset: the CLI looks for a server itself, and must not open the database behind this one's back.
    const env = { DATA_DIR: dataDir, TANDEM_URL: '', ADMIN_TOKEN: '' };
    const running = await spawnServer({ DATA_DIR: dataDir });
    const editor = connectClient(running.wsUrl, 'live');
    try {
      await waitSynced(editor);
      const imported = await runCli(['import', 'live', '--format', 'markdown'], { env, stdin: '# Live\n\nReached the open editor.' });
      expect(imported.code, imported.stderr).toBe(0);
      expect(imported.stderr).toContain(`using the server that holds ${dataDir}, at ${running.url}`);
      await vi.waitFor(() => expect(markdownOf(editor.doc)).toBe('# Live\n\nReached the open editor.'));
    } finally {
      editor.destroy();
      running.child.kill('SIGTERM');
      await running.exited;
    }
    try {
      // Stopped, the server no longer holds DATA_DIR: opened directly, the database has the import, with no warning
      // about a server beside it.
      const exported = await runCli(['export', 'live', '--format', 'markdown', '--direct'], { env });
      expect([exported.stdout, exported.stderr]).toEqual(['# Live\n\nReached the open editor.\n', '']);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('backs up the embedded database while a server writes to it, into a file a server can start from', { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-cli-backup-'));
    const restoredDir = mkdtempSync(path.join(tmpdir(), 'tandem-cli-restored-'));
    const backupFile = path.join(dataDir, 'backup.db');
    const running = await spawnServer({ DATA_DIR: dataDir });
    const editor = connectClient(running.wsUrl, 'kept');
    try {
      await waitSynced(editor);
      // Committed, perhaps only to the write-ahead log so far (a checkpoint folds it into tandem.db 2 s after typing stops).
      editor.text.insert(0, 'typed just before the backup');
      await vi.waitFor(async () => {
        const res = await fetch(`${running.url}/admin/docs`, { headers: { Authorization: `Bearer ${readFileSync(path.join(dataDir, 'admin-token'), 'utf8').trim()}` } });
        expect(((await res.json()) as Array<{ name: string; bytes: number }>).find((d) => d.name === 'kept')?.bytes).toBeGreaterThan(30);
      });
      // Someone keeps typing while the backup runs: it is taken from one snapshot, not restarted by every change.
      const typing = setInterval(() => editor.text.insert(editor.text.length, '.'), 5);
      const backedUp = await runCli(['backup', backupFile], { env: { DATA_DIR: dataDir } }).finally(() => clearInterval(typing));
      expect(backedUp.code, backedUp.stderr).toBe(0);
      expect(backedUp.stdout).toMatch(/^backed up .*tandem\.db to .*backup\.db \(/);
      expect(backedUp.stderr).toContain('(TANDEM_URL plays no part in a backup)');
      const again = await runCli(['backup', backupFile], { env: { DATA_DIR: dataDir } });
      expect([again.code, again.stderr]).toEqual([1, `tandem-admin: ${backupFile} exists already: name a new file\n`]);
      const nowhere = path.join(dataDir, 'no-such-folder', 'backup.db');
      const lost = await runCli(['backup', nowhere], { env: { DATA_DIR: dataDir } });
      expect([lost.code, lost.stderr]).toEqual([1, `tandem-admin: no folder ${path.dirname(nowhere)} to put the backup in\n`]);
    } finally {
      editor.destroy();
      running.child.kill('SIGKILL');
      await running.exited;
    }
    try {
      copyFileSync(backupFile, path.join(restoredDir, 'tandem.db'));
      const restored = await spawnServer({ DATA_DIR: restoredDir });
      const reader = connectClient(restored.wsUrl, 'kept');
      try {
        await waitSynced(reader);
        expect(reader.text.toString()).toMatch(/^typed just before the backup\.*$/);
      } finally {
        reader.destroy();
        restored.child.kill('SIGTERM');
        await restored.exited;
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(restoredDir, { recursive: true, force: true });
    }
  });

  it('refuses a backup on PostgreSQL, pointing to pg_dump', async () => {
    const run = await runCli(['backup', path.join(workDir, 'never.db')], { env: { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } });
    expect([run.code, run.stderr]).toEqual([1, 'tandem-admin: the documents are in PostgreSQL (DATABASE_URL): back them up with pg_dump\n']);
  });

  it('explains usage mistakes with exit code 2', async () => {
    const mistakes = [['frobnicate'], ['export'], ['export', 'cli-doc', '--format', 'pdf'], ['list', '--bogus']];
    const runs = await Promise.all(mistakes.map((args) => runCli(args)));
    for (const [i, run] of runs.entries()) {
      expect(run.code, mistakes[i]!.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/^tandem-admin: /);
    }
    // An unknown option is named, with the options the command does take.
    expect(runs[3]!.stderr).toContain('unknown option --bogus (this command takes --json, --direct, --help)');
  });
});
