// Preloaded into a measured server by `npm run bench -- --probe` (node --require), the same way for every server:
// for each chunk a socket reads that makes the server write to several sockets before it returns (a relayed
// keystroke), how long after the read the first and the last write happened, and when the handler returned; and
// every garbage-collection pause of the server's main thread (perf_hooks), since one delays whatever arrives. It
// watches only Node's own net.Socket, so it needs nothing of the server's code. The harness sends SIGUSR2 once to
// start recording (the timed keystrokes begin) and once to stop; the second writes the summary to
// BENCH_PROBE_OUT. Off by default: wrapping every socket write costs a little on every server.
'use strict';
const fs = require('node:fs');
const net = require('node:net');
const { PerformanceObserver } = require('node:perf_hooks');

const outFile = process.env.BENCH_PROBE_OUT;
/** A read counts as a relayed keystroke when it leads to writes on at least this many sockets. */
const minSockets = Number(process.env.BENCH_PROBE_MIN_SOCKETS || 5);

let isRecording = false;
let readAt = -1;
let firstWriteAt = -1;
let lastWriteAt = -1;
let written = new Set();
const relays = []; // [firstMs, lastMs, handlerMs, sockets]
let recordingSince = 0;
const gcPauses = []; // [ms after recording began, durationMs, kind (perf_hooks: 1 minor, 4 major, 8 incremental)]

// Garbage collections while recording: a pause on the main thread delays whatever keystroke arrives meanwhile.
new PerformanceObserver((list) => {
  if (!isRecording) return;
  for (const entry of list.getEntries()) gcPauses.push([entry.startTime - recordingSince, entry.duration, entry.detail?.kind ?? 0]);
}).observe({ entryTypes: ['gc'] });

const write = net.Socket.prototype.write;
net.Socket.prototype.write = function probedWrite(...args) {
  if (readAt >= 0) {
    const now = performance.now();
    if (firstWriteAt < 0) firstWriteAt = now;
    lastWriteAt = now;
    written.add(this);
  }
  return write.apply(this, args);
};

const emit = net.Socket.prototype.emit;
net.Socket.prototype.emit = function probedEmit(name, ...args) {
  if (name !== 'data' || !isRecording || readAt >= 0) return emit.call(this, name, ...args);
  readAt = performance.now();
  try {
    return emit.call(this, name, ...args);
  } finally {
    const sockets = written.size;
    if (sockets >= minSockets) relays.push([firstWriteAt - readAt, lastWriteAt - readAt, performance.now() - readAt, sockets]);
    readAt = firstWriteAt = lastWriteAt = -1;
    written = new Set();
  }
};

function median(values) {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted.length === 0 ? null : sorted[Math.floor(sorted.length / 2)];
}

process.on('SIGUSR2', () => {
  if (!isRecording) {
    relays.length = 0;
    gcPauses.length = 0;
    recordingSince = performance.now();
    isRecording = true;
    return;
  }
  isRecording = false;
  const summary = {
    relays: relays.length,
    sockets: median(relays.map((r) => r[3])),
    firstSendMs: median(relays.map((r) => r[0])),
    lastSendMs: median(relays.map((r) => r[1])),
    handlerMs: median(relays.map((r) => r[2])),
    gcPauses: gcPauses.length,
    gcTotalMs: gcPauses.reduce((sum, pause) => sum + pause[1], 0),
    gcMaxMs: gcPauses.reduce((max, pause) => Math.max(max, pause[1]), 0),
    gcTimeline: gcPauses.map(([atMs, ms, kind]) => [Math.round(atMs), Math.round(ms * 100) / 100, kind]),
  };
  if (outFile) fs.writeFileSync(outFile, JSON.stringify(summary));
});
