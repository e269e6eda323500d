import { describe, expect, it } from 'vitest';
import { formatTime, zoneLabel } from './format-table';

describe('times in the CLI tables', () => {
  it('name their zone', () => {
    expect(zoneLabel(0)).toBe('UTC');
    expect(zoneLabel(-120)).toBe('+02:00');
    expect(zoneLabel(330)).toBe('-05:30');
    expect(formatTime(Date.UTC(2024, 4, 1, 14, 3, 9))).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (UTC|[+-]\d\d:\d\d)$/);
  });
});
