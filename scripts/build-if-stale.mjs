// `npm start` step one: rebuild what is older than its sources, so a fresh clone builds once and later starts are
// instant: the editor (vite build, into dist/client) and the server bundle (esbuild, into dist/server). With
// --server-only (`npm run admin`), only the server bundle, which holds the admin CLI. What it says goes to stderr, so
// a command's output on stdout stays only that.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { adminBundle, buildServer, serverBundle } from './build-server.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function newestMtime(target) {
  const full = path.join(root, target);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(full)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

function isStale(outputs, sources) {
  const builtAt = Math.min(...outputs.map((output) => (existsSync(output) ? statSync(output).mtimeMs : 0)));
  return Math.max(...sources.map(newestMtime)) > builtAt;
}

const isServerOnly = process.argv.includes('--server-only');

if (!isServerOnly && isStale([path.join(root, 'dist/client/index.html')], ['client', 'shared', 'vite.config.ts', 'package-lock.json'])) {
  console.error('Building the editor (vite build)…');
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
if (isStale([serverBundle, adminBundle], ['server/src', 'shared', 'scripts/build-server.mjs', 'package-lock.json'])) {
  console.error('Building the server (esbuild)…');
  await buildServer();
}
