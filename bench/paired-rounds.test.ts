import { describe, expect, it } from 'vitest';
import { comparePairedRounds } from './paired-rounds';

describe('comparePairedRounds', () => {
  it('counts the rounds a candidate was lower and gives the median difference with an interval around it', () => {
    // This session's 200-reader rounds of one run: Tandem against y-websocket-server.
    const tandem = [14.8, 10.1, 8.2, 7.5, 8.3, 9.6, 10.2, 9.3, 12.2];
    const reference = [8.5, 8.6, 8.6, 7.2, 8.9, 10.4, 11.4, 8.6, 10.5];
    const compared = comparePairedRounds(tandem, reference)!;
    expect(compared.rounds).toBe(9);
    expect(compared.lowerRounds).toBe(4);
    expect(compared.medianDifference).toBeCloseTo(0.3, 5);
    expect(compared.interval[0]).toBeLessThan(0);
    expect(compared.interval[1]).toBeGreaterThan(compared.medianDifference);
    expect(comparePairedRounds(tandem, reference)).toEqual(compared);
  });

  it('shows a clear lead as an interval that excludes zero, and skips rounds without a figure', () => {
    const compared = comparePairedRounds([5, 5.2, null, 4.9, 5.1, 5], [7, 7.1, 6.8, 6.9, 7.3, 7])!;
    expect(compared.rounds).toBe(5);
    expect(compared.lowerRounds).toBe(5);
    expect(compared.interval[1]).toBeLessThan(0);
    expect(comparePairedRounds([1, 2], [1, 2])).toBeNull();
  });
});
