// The admin bearer token: ADMIN_TOKEN if set, else one generated on first start and kept in DATA_DIR/admin-token
// (mode 0600) for the admin CLI to read. The token itself is never logged.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeDirectory } from '../storage/make-directory';

export function adminTokenPath(dataDir: string): string {
  return path.join(dataDir, 'admin-token');
}

export function resolveAdminToken(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = adminTokenPath(dataDir);
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= 16) return stored;
  }
  makeDirectory(dataDir);
  const token = randomBytes(32).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return token;
}
