// Renders result rows as a markdown table, one row per server and case.
import type { ResultRow } from './scenarios/scenario';

interface Column {
  title: string;
  value(row: ResultRow): string;
  isNumeric: boolean;
}

function fixed(value: number | null, digits: number): string {
  return value === null || !Number.isFinite(value) ? '–' : value.toFixed(digits);
}

const columns: Column[] = [
  { title: 'server', value: (r) => r.server, isNumeric: false },
  { title: 'scenario', value: (r) => r.scenario, isNumeric: false },
  { title: 'N', value: (r) => (r.n === null ? '–' : String(r.n)), isNumeric: true },
  { title: 'p50 ms', value: (r) => fixed(r.p50Ms, 1), isNumeric: true },
  { title: 'p99 ms', value: (r) => fixed(r.p99Ms, 1), isNumeric: true },
  { title: 'delivered %', value: (r) => fixed(r.deliveredPct, 1), isNumeric: true },
  { title: 'updates/s', value: (r) => fixed(r.throughputPerS ?? null, 0), isNumeric: true },
  { title: 'server CPU %', value: (r) => fixed(r.serverCpuPct, 0), isNumeric: true },
  { title: 'server RSS MB', value: (r) => fixed(r.serverRssMb, 0), isNumeric: true },
  { title: 'client CPU %', value: (r) => fixed(r.clientCpuPct, 0), isNumeric: true },
  { title: 'notes', value: (r) => r.note.replaceAll('|', '/').replaceAll('\n', ' '), isNumeric: false },
];

export function formatResultTable(rows: readonly ResultRow[]): string {
  const cells = rows.map((row) => columns.map((column) => column.value(row)));
  const widths = columns.map((column, i) => Math.max(column.title.length, ...cells.map((line) => line[i]?.length ?? 0)));
  const pad = (text: string, i: number): string => {
    const width = widths[i] ?? 0;
    return columns[i]?.isNumeric ? text.padStart(width) : text.padEnd(width);
  };
  const line = (texts: string[]): string => `| ${texts.map(pad).join(' | ')} |`;
  // Markdown alignment: numeric columns are right-aligned (`---:`).
  const dashes = widths.map((width, i) => (columns[i]?.isNumeric ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2)));
  const rule = `|${dashes.join('|')}|`;
  return [line(columns.map((column) => column.title)), rule, ...cells.map(line)].join('\n');
}
