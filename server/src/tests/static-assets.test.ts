// The built editor as a browser gets it: hashed assets kept for a year and sent compressed to browsers that accept
// it (the build's .br and .gz copies), the page itself revalidated on every load so a deploy reaches the next visit.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressedCopies } from '../../../client/build/compress-assets';
import { startTestServer, type TestServer } from '../test-support/test-server';

const SCRIPT = `export const greeting = ${JSON.stringify('hello '.repeat(500))};\n`;
const ASSET = '/assets/editor-Ab12Cd34.js';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET with the exact Accept-Encoding given, and the body as sent (fetch would decode it). */
function rawGet(url: string, acceptEncoding: string | null): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = acceptEncoding === null ? {} : { 'accept-encoding': acceptEncoding };
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

let server: TestServer;
let clientDir: string;

beforeAll(async () => {
  clientDir = mkdtempSync(path.join(tmpdir(), 'tandem-client-'));
  mkdirSync(path.join(clientDir, 'assets'));
  writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><div id="root"></div>');
  const script = path.join(clientDir, ASSET);
  writeFileSync(script, SCRIPT);
  const { br, gz } = await compressedCopies(Buffer.from(SCRIPT));
  writeFileSync(`${script}.br`, br);
  writeFileSync(`${script}.gz`, gz);
  server = await startTestServer({}, { clientDir });
});
afterAll(async () => {
  await server.stop();
  rmSync(clientDir, { recursive: true, force: true });
});

describe('built assets', () => {
  it('sends Brotli to a browser that accepts it, marked immutable for a year', async () => {
    const res = await rawGet(`${server.url}${ASSET}`, 'gzip, deflate, br, zstd');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(res.body.byteLength).toBeLessThan(SCRIPT.length / 10);
    expect(brotliDecompressSync(res.body).toString()).toBe(SCRIPT);
  });

  it('sends gzip where Brotli is not accepted', async () => {
    const res = await rawGet(`${server.url}${ASSET}`, 'gzip, deflate');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.body).toString()).toBe(SCRIPT);
  });

  it('sends the file as built to a client that accepts no encoding', async () => {
    const res = await rawGet(`${server.url}${ASSET}`, null);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.body.toString()).toBe(SCRIPT);
  });

  it('answers a missing asset with 404, not the page', async () => {
    const res = await rawGet(`${server.url}/assets/editor-Zz99.js`, 'br');
    expect(res.status).toBe(404);
    expect(res.headers['cache-control']).toBeUndefined();
  });
});

describe('the page', () => {
  it('is revalidated on every load, for documents and the list alike', async () => {
    for (const page of ['/', '/d/meeting-notes']) {
      const res = await fetch(`${server.url}${page}`, { headers: { Accept: 'text/html' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<div id="root">');
    }
  });
});
