// Seeds the trace document into a running Tandem, waits for unload, then times cold loads with a stock client.
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { readFileSync } from 'node:fs';
const url = process.argv[2];
const update = new Uint8Array(readFileSync('/tmp/trace.bin'));
const doc = 'cold-' + Date.now();
function connect(d) {
  return new WebsocketProvider(url, doc, d, { WebSocketPolyfill: WebSocket, disableBc: true });
}
const seedDoc = new Y.Doc();
Y.applyUpdate(seedDoc, update);
const seeder = connect(seedDoc);
await new Promise((r) => seeder.on('sync', (s) => s && r()));
await new Promise((r) => setTimeout(r, 1500));
seeder.destroy();
for (let i = 0; i < 6; i++) {
  await new Promise((r) => setTimeout(r, 1500)); // IDLE_UNLOAD_MS=200
  const d = new Y.Doc();
  const t0 = performance.now();
  const p = connect(d);
  await new Promise((r) => p.on('sync', (s) => s && r()));
  console.log('load', (performance.now() - t0).toFixed(1), 'ms', d.getText('t').length);
  p.destroy();
}
process.exit(0);
