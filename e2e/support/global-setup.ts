// Builds the editor and the server bundle (only what its sources changed) before any browser or server starts.
import { spawnSync } from 'node:child_process';

export default function globalSetup(): void {
  const result = spawnSync(process.execPath, ['scripts/build-if-stale.mjs'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('building the editor or the server failed');
}
