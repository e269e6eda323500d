// Memory under attack, measured on a real server process (spawnServer): resident set size before and after a burst
// of floods, slow readers, oversized and packed frames, awareness spam, silent connections and fuzzed frames.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Socket } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../../../shared/close-codes';
import { spawnServer, type ServerProcess } from '../../test-support/server-process';
import {
  LanePool,
  awarenessFrame,
  awarenessUpdateOf,
  joinedAttacker,
  openAttacker,
  syncStep1Frame,
  updateFrame,
  type Attacker,
} from './attacker';
import { packedFrame, singleFrame } from './fuzz-frames';
import { expectServerUnharmed, writeKnownText } from './good-users';

const MB = 1024 * 1024;
const RSS_BOUND_MB = 64;
const MAX_BUFFERED_BYTES = MB;
const MAX_MESSAGE_BYTES = MB;

let server: ServerProcess;
let dataDir: string;
const attackers: Attacker[] = [];
const track = (attacker: Attacker) => {
  attackers.push(attacker);
  return attacker;
};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'tandem-memory-'));
  server = await spawnServer({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'error',
    MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES),
    MAX_BUFFERED_BYTES: String(MAX_BUFFERED_BYTES),
    HANDSHAKE_TIMEOUT_MS: '3000',
    MAX_CONNECTIONS_PER_IP: '10000',
    MAX_CONNECTIONS_PER_DOC: '10000',
  });
});
afterAll(async () => {
  for (const a of attackers) a.ws.terminate();
  console.log('SERVEROUT', server.child.exitCode, server.output().slice(-3000));
  server.child.kill('SIGKILL');
  await server.exited;
  rmSync(dataDir, { recursive: true, force: true });
});

function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

async function metric(name: string, labels = ''): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `) || (labels === '' && l.startsWith(`${name} `)));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

/** Inserts `bytes` characters into `type`, in one update per call, from an attacker-side document. */
function writer(type: string, bytes: number) {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  return {
    insert: () => {
      doc.getText(type).insert(0, 'm'.repeat(bytes));
      return updates.pop()!;
    },
    clear: () => {
      const text = doc.getText(type);
      text.delete(0, text.length);
      return updates.pop()!;
    },
  };
}

async function flood(doc: string, attackersCount: number): Promise<void> {
  await Promise.all(Array.from({ length: attackersCount }, async () => {
    const a = track(await joinedAttacker(server.wsUrl, doc));
    const w = writer('flood', 8);
    for (let i = 0; i < 1_500 && a.closedWith === null; i++) a.send(updateFrame(w.insert()));
    expect((await a.closed).code).toBe(CloseCode.RateLimited);
  }));
}

async function slowReaders(doc: string, readers: number): Promise<void> {
  const closesBefore = await metric('tandem_closes_total', `{code="${CloseCode.Overloaded}"}`);
  const paused = await Promise.all(Array.from({ length: readers }, () => joinedAttacker(server.wsUrl, doc)));
  for (const r of paused) (track(r).ws as unknown as { _socket: Socket })._socket.pause();
  const source = track(await joinedAttacker(server.wsUrl, doc));
  const w = writer('flood', 64 * 1024);
  for (let round = 0; round < 400; round++) {
    if (round % 8 === 0 && (await metric('tandem_closes_total', `{code="${CloseCode.Overloaded}"}`)) - closesBefore >= readers) break;
    source.send(updateFrame(w.insert()));
    source.send(updateFrame(w.clear()));
    await source.roundTrip();
  }
  expect(await metric('tandem_closes_total', `{code="${CloseCode.Overloaded}"}`) - closesBefore).toBeGreaterThanOrEqual(readers);
  expect(source.closedWith).toBeNull();
  source.ws.close();
  for (const r of paused) r.ws.terminate();
}

async function oversized(doc: string, count: number): Promise<void> {
  const big = new Uint8Array(2 * MAX_MESSAGE_BYTES).fill(7);
  await Promise.all(Array.from({ length: count }, async () => {
    const a = track(await joinedAttacker(server.wsUrl, doc));
    a.send(big);
    expect((await a.closed).code).toBe(CloseCode.MessageTooBig);
  }));
}

/** An update followed by many SyncStep1 requests in one frame: each request asks for the whole (large) document. */
async function packedSyncRequests(doc: string, count: number): Promise<void> {
  await Promise.all(Array.from({ length: count }, async () => {
    const a = track(await joinedAttacker(server.wsUrl, doc));
    const request = syncStep1Frame(new Uint8Array([0]));
    const frame = [updateFrame(writer('packed', 4).insert()), ...Array.from({ length: 60 }, () => request)];
    a.send(Buffer.concat(frame));
    a.send(Buffer.concat(frame));
    await a.roundTrip();
    a.ws.terminate();
  }));
}

async function awarenessSpam(doc: string, count: number): Promise<void> {
  await Promise.all(Array.from({ length: count }, async (_, n) => {
    const a = track(await joinedAttacker(server.wsUrl, doc));
    const entries = Array.from({ length: 5_000 }, (__, i) => ({ clientId: 10_000_000 * (n + 1) + i, clock: 1, state: { name: `ghost-${i}` } }));
    a.send(awarenessFrame(awarenessUpdateOf(entries)));
    expect((await a.closed).code).toBe(CloseCode.Forbidden);
  }));
}

async function silent(doc: string, count: number): Promise<void> {
  const quiet = Array.from({ length: count }, () => track(openAttacker(server.wsUrl, doc)));
  const closes = await Promise.all(quiet.map((a) => a.closed));
  expect(closes.every((c) => c.code === CloseCode.PongTimeout)).toBe(true);
}

async function fuzz(doc: string, frames: number): Promise<void> {
  const pool = new LanePool(server.wsUrl, doc, 8);
  await pool.sendAll(fc.sample(fc.oneof(singleFrame, packedFrame), frames));
  pool.close();
}

async function burst(scale: number): Promise<void> {
  const t0 = performance.now();
  const timed = (name: string, p: Promise<void>) => p.then(() => console.log('DBG', name, Math.round(performance.now() - t0)), (e) => { console.log('DBG FAIL', name, Math.round(performance.now() - t0), String(e)); throw e; });
  await Promise.all([
    timed('fuzz', fuzz('mem-fuzz', 400 * scale)),
  ]);
  for (const a of attackers.splice(0)) a.ws.terminate();
  await vi.waitFor(async () => expect(await metric('tandem_connections')).toBe(0), { timeout: 15_000, interval: 100 });
}

describe('memory', () => {
  it(`returns to within ${RSS_BOUND_MB} MB of its baseline RSS after a burst of attacks`, async () => {
    const target = { doc: 'mem', otherDoc: 'mem-other', known: 'known text of the memory test' };
    await writeKnownText(server, target.doc, target.known);
    // A large document (about 3 MB), so every request for its whole state is expensive.
    const filler = track(await joinedAttacker(server.wsUrl, target.doc));
    const w = writer('filler', 512 * 1024);
    for (let i = 0; i < 6; i++) filler.send(updateFrame(w.insert()));
    await filler.roundTrip();
    filler.ws.close();
    // Warm up every code path once (JIT, module loading, SQLite caches), then take the baseline.
    await burst(1);
    const baseline = memoryOf(server.child.pid!);

    await burst(3);
    const peak = memoryOf(server.child.pid!);
    let after = peak;
    await vi.waitFor(() => {
      after = memoryOf(server.child.pid!);
      expect(after.rssMb - baseline.rssMb).toBeLessThan(RSS_BOUND_MB);
    }, { timeout: 30_000, interval: 250 });
    console.info(`RSS: baseline ${baseline.rssMb.toFixed(0)} MB, right after the burst ${peak.rssMb.toFixed(0)} MB, peak (VmHWM) ${peak.peakMb.toFixed(0)} MB, settled ${after.rssMb.toFixed(0)} MB`);
    await expectServerUnharmed(server, target);
  }, 120_000);
});
