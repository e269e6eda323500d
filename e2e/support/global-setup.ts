// Builds the editor once (only if its sources changed) before any browser opens it.
import { spawnSync } from 'node:child_process';

export default function globalSetup(): void {
  const result = spawnSync(process.execPath, ['scripts/build-if-stale.mjs'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('building the editor failed');
}
