// Human times for lists: "just now", "5 min ago", "yesterday, 14:02", or a date for older entries.
const minuteMs = 60_000;
const hourMs = 60 * minuteMs;

export function formatRelativeTime(timestampMs: number, nowMs: number = Date.now()): string {
  const ageMs = nowMs - timestampMs;
  if (ageMs < minuteMs) return 'just now';
  if (ageMs < hourMs) return `${Math.floor(ageMs / minuteMs)} min ago`;
  return formatClockTime(timestampMs, nowMs);
}

/** A moment for a sentence that stays on screen: "today, 14:02", "yesterday, 14:02", or its date and time. */
export function formatClockTime(timestampMs: number, nowMs: number = Date.now()): string {
  const then = new Date(timestampMs);
  const now = new Date(nowMs);
  const time = then.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  if (isSameDay(then, now)) return `today, ${time}`;
  const yesterday = new Date(nowMs - 24 * hourMs);
  if (isSameDay(then, yesterday)) return `yesterday, ${time}`;
  const sameYear = then.getFullYear() === now.getFullYear();
  const date = then.toLocaleDateString(undefined, sameYear ? { day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' });
  return `${date}, ${time}`;
}

function isSameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}
