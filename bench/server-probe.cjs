// Preloaded into a measured server by `npm run bench -- --probe` (node --require), the same way for every server:
// for each chunk a socket reads that makes the server write to several sockets before it returns (a relayed
// keystroke), how long after the read the first and the last write happened, and when the handler returned; and
// every garbage-collection pause of the server's main thread (perf_hooks), since one delays whatever arrives. It
// watches only Node's own net.Socket, so it needs nothing of the server's code. The harness sends SIGUSR2 once when
// the timed keystrokes begin and once when they end; the second writes the summary of what came between to
// BENCH_PROBE_OUT. Off by default: wrapping every socket write costs a little on every server.
//
// The probe measures from the moment it is loaded and the signals only mark where the timed part starts and ends.
// It must run the same code before and during the timed part: the wrappers are inlined into the server's optimized
// write path, and when they first took another branch (or a variable went from small integer to double) at the start
// of recording, V8 threw that code away, which showed up as slow keystrokes at the start of every recording.
'use strict';
const fs = require('node:fs');
const net = require('node:net');
const { PerformanceObserver } = require('node:perf_hooks');

const outFile = process.env.BENCH_PROBE_OUT;
/** A read counts as a relayed keystroke when it leads to writes on at least this many sockets. */
const minSockets = Number(process.env.BENCH_PROBE_MIN_SOCKETS || 5);

/** "Not set": a negative double (never -1, a small integer), since these otherwise hold performance.now() values. */
const UNSET = -0.5;
let readAt = UNSET;
let firstWriteAt = UNSET;
let lastWriteAt = UNSET;
let written = new Set();
const relays = []; // [readAt, firstMs, lastMs, handlerMs, sockets]
const gcPauses = []; // [startTime, durationMs, kind (perf_hooks: 1 minor, 4 major, 8 incremental)]
/** When the timed part began (the first SIGUSR2), or UNSET. */
let recordingSince = UNSET;

new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcPauses.push([entry.startTime, entry.duration, entry.detail?.kind ?? 0]);
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
  if (name !== 'data' || readAt >= 0) return emit.call(this, name, ...args);
  readAt = performance.now();
  try {
    return emit.call(this, name, ...args);
  } finally {
    const sockets = written.size;
    if (sockets >= minSockets) relays.push([readAt, firstWriteAt - readAt, lastWriteAt - readAt, performance.now() - readAt, sockets]);
    readAt = firstWriteAt = lastWriteAt = UNSET;
    if (sockets > 0) written = new Set();
  }
};

function median(values) {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted.length === 0 ? null : sorted[Math.floor(sorted.length / 2)];
}

function hundredths(ms) {
  return Math.round(ms * 100) / 100;
}

/** What was recorded between `since` and now. */
function summarize(since) {
  const timed = relays.filter((relay) => relay[0] >= since);
  const pauses = gcPauses.filter((pause) => pause[0] >= since);
  return {
    relays: timed.length,
    sockets: median(timed.map((r) => r[4])),
    firstSendMs: median(timed.map((r) => r[1])),
    lastSendMs: median(timed.map((r) => r[2])),
    handlerMs: median(timed.map((r) => r[3])),
    gcPauses: pauses.length,
    gcTotalMs: pauses.reduce((sum, pause) => sum + pause[1], 0),
    gcMaxMs: pauses.reduce((max, pause) => Math.max(max, pause[1]), 0),
    gcTimeline: pauses.map(([at, ms, kind]) => [Math.round(at - since), hundredths(ms), kind]),
    relayTimeline: timed.map(([at, first, last]) => [Math.round(at - since), hundredths(first), hundredths(last)]),
  };
}

process.on('SIGUSR2', () => {
  if (recordingSince < 0) {
    relays.length = 0;
    gcPauses.length = 0;
    recordingSince = performance.now();
    return;
  }
  const summary = summarize(recordingSince);
  recordingSince = UNSET;
  if (outFile) fs.writeFileSync(outFile, JSON.stringify(summary));
});
