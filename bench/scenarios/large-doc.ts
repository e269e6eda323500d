// Fan-out into a large document: the fan-out case (one writer, readers, a keystroke every 20 ms), typed into the
// automerge-paper document (259,778 edits, 311 kB of Yjs state) instead of an empty one, and long enough that
// Tandem compacts the document's update log while keystrokes are timed (COMPACT_AFTER_UPDATES, 500 rows). Its
// slowest delivery shows what a compaction costs the keystrokes it lands on; the references keep documents in
// memory and never compact, so theirs shows what typing into a large document costs anyway.
import { buildTraceDocument, type TraceDocument } from '../editing-trace';
import { combineFanoutRounds, fanoutDisturbance, runFanout } from './fanout';
import type { ResultRow, Scenario } from './scenario';

const readers = 10;
/** 12 s of typing: with the seed's row and the 50 warm-up keystrokes, the log reaches 500 rows mid-run. */
const keystrokes = 600;
const maxRounds = 3;

/** "slowest x ms (keystroke k, t s in)" from one round's per-keystroke figures. */
function slowestNote(row: ResultRow): string {
  const perKeystroke = (row.details?.perKeystroke ?? []) as [number | null, number | null, number | null][];
  let slowest: { seq: number; sentMs: number; maxMs: number } | null = null;
  perKeystroke.forEach(([sentMs, , maxMs], seq) => {
    if (maxMs !== null && sentMs !== null && (slowest === null || maxMs > slowest.maxMs)) slowest = { seq, sentMs, maxMs };
  });
  if (slowest === null) return 'nothing delivered';
  const { seq, sentMs, maxMs } = slowest as { seq: number; sentMs: number; maxMs: number };
  return `slowest ${maxMs.toFixed(1)} ms (keystroke ${seq + 1}, ${(sentMs / 1000).toFixed(1)} s in)`;
}

export function createLargeDocScenario(tracePath: string): Scenario {
  let traceDocument: TraceDocument | undefined;
  return {
    name: 'large-doc',
    description: `fan-out to ${readers} readers while typing ${keystrokes} keystrokes into the automerge-paper document`,
    supports: () => true,
    cases: () => [{ label: `N=${readers}`, n: readers }],
    serverEnv: () => ({}),
    run: async (context) => {
      if (!traceDocument) {
        traceDocument = buildTraceDocument(tracePath);
        context.log(`replayed ${traceDocument.edits} edits in ${traceDocument.replayMs.toFixed(0)} ms`);
      }
      const seed = { update: traceDocument.update, length: traceDocument.endContent.length };
      const row = await runFanout(context, { scenario: 'large-doc', n: readers, keystrokes, seed });
      return { ...row, note: `${slowestNote(row)}; ${row.note}` };
    },
    disturbance: fanoutDisturbance,
    rounds: (options) => Math.min(options.rounds, maxRounds),
    combineRounds: (rows) => {
      const combined = combineFanoutRounds(rows);
      const slowest = rows.map((row) => (typeof row.details?.maxMs === 'number' ? row.details.maxMs.toFixed(1) : '–'));
      return { ...combined, note: `slowest delivery per round ${slowest.join(' / ')} ms; ${combined.note}` };
    },
  };
}
