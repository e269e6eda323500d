// Every server the bench starts runs as plain JavaScript with `node <bundle>`, the way Tandem's `npm start` runs
// it: no TypeScript loader in any measured process, so startup work, memory and GC are the servers' own. Tandem is
// built by its own scripts/build-server.mjs; each reference entry is bundled the same way (packages external).
import { build } from 'esbuild';
import path from 'node:path';
import { buildServer } from '../scripts/build-server.mjs';
import type { ServerTarget } from './server-targets';

export interface BuiltTarget extends ServerTarget {
  /** The JavaScript file `node` runs. */
  runEntry: string;
}

async function bundleReference(target: ServerTarget, repoRoot: string): Promise<string> {
  // Inside the repository, so the bundle resolves its packages from node_modules; bench/results is not committed.
  const outfile = path.join(repoRoot, 'bench/results/build', `${target.name}.mjs`);
  await build({
    entryPoints: [target.entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

export async function buildTargets(targets: readonly ServerTarget[], repoRoot: string): Promise<BuiltTarget[]> {
  const built: BuiltTarget[] = [];
  for (const target of targets) {
    const runEntry = target.name === 'tandem' ? await buildServer() : await bundleReference(target, repoRoot);
    built.push({ ...target, runEntry });
  }
  return built;
}
