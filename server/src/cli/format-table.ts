// Aligned plain-text tables for the admin CLI's human output (scripts use --json).
export function formatTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n') + '\n';
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local time, to the second, with its zone (the server's may not be the reader's): "2024-05-01 14:03:09 +02:00". */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  const clock = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return `${clock} ${zoneLabel(d.getTimezoneOffset())}`;
}

/** "UTC", or the offset from it as ISO 8601 writes it ("+02:00", "-05:30"), from Date's minutes behind UTC. */
export function zoneLabel(minutesBehindUtc: number): string {
  if (minutesBehindUtc === 0) return 'UTC';
  const ahead = -minutesBehindUtc;
  const magnitude = Math.abs(ahead);
  return `${ahead > 0 ? '+' : '-'}${pad(Math.floor(magnitude / 60))}:${pad(magnitude % 60)}`;
}
