// The servers the bench compares: how to start each one and which client library speaks to it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type ClientKind = 'y-websocket' | 'hocuspocus';

export interface ServerTarget {
  /** Short name used in the table and in --servers. */
  name: string;
  /** Entry file, run as `node --import tsx <entry>`. */
  entry: string;
  clientKind: ClientKind;
  /** True when documents survive unloading (stored on disk); false for the in-memory references. */
  isPersistent: boolean;
  /** Path of the WebSocket endpoint; clients append `/<doc>`. */
  wsPath: string;
  healthPath: string;
  env: Record<string, string>;
  /** `node` options the server runs with, before its entry. */
  nodeArgs: string[];
}

export function listServerTargets(repoRoot: string): ServerTarget[] {
  return [
    {
      name: 'tandem',
      entry: path.join(repoRoot, 'server/src/main.ts'),
      clientKind: 'y-websocket',
      isPersistent: true,
      wsPath: '/collab',
      healthPath: '/healthz',
      // Every bench client comes from 127.0.0.1, so the per-address connection cap (default 64) must make room
      // for 200 readers; the per-doc cap (default 256) already does.
      env: { LOG_LEVEL: 'warn', MAX_CONNECTIONS_PER_IP: '1000' },
      nodeArgs: npmStartNodeArgs(repoRoot),
    },
    {
      name: 'y-websocket-server',
      entry: path.join(repoRoot, 'bench/servers/y-websocket-server.ts'),
      clientKind: 'y-websocket',
      isPersistent: false,
      wsPath: '/collab',
      healthPath: '/healthz',
      env: {},
      nodeArgs: [],
    },
    {
      name: 'hocuspocus',
      entry: path.join(repoRoot, 'bench/servers/hocuspocus-server.ts'),
      clientKind: 'hocuspocus',
      isPersistent: false,
      wsPath: '/collab',
      healthPath: '/',
      env: {},
      nodeArgs: [],
    },
  ];
}

export function isTargetAvailable(target: ServerTarget): boolean {
  return existsSync(target.entry);
}

/**
 * The `node` options of `npm start` (package.json), so the bench runs Tandem exactly as users do: `exec node
 * <options> dist/server/main.mjs`. Throws when the script no longer has that shape, rather than measure another way.
 */
function npmStartNodeArgs(repoRoot: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const start = manifest.scripts?.start ?? '';
  const match = /\bexec node((?:\s+--\S+)*)\s+dist\/server\/main\.mjs\b/.exec(start);
  if (!match) throw new Error(`package.json "start" does not end in "exec node [--options] dist/server/main.mjs": ${start}`);
  return match[1]!.trim().split(/\s+/).filter(Boolean);
}
