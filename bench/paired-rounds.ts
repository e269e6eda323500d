// Two servers' figures compared round by round. The servers take turns within a round, so a slow spell of the
// machine tends to hit both figures of a round: comparing within rounds shows how often one side was ahead, and how
// far the medians of rounds could move from noise alone (a bootstrap over the rounds).
import { median, percentile } from './percentile';

export interface PairedComparison {
  /** Rounds in which the candidate's figure was below the reference's. */
  lowerRounds: number;
  /** Rounds in which both had a figure. */
  rounds: number;
  /** Median over rounds of candidate minus reference. */
  medianDifference: number;
  /** 90 % bootstrap interval of that median (rounds resampled with replacement). */
  interval: [number, number];
}

/**
 * Compares `candidate[i]` with `reference[i]` for every round `i` where both are numbers; null with fewer than three
 * such rounds. Deterministic: the resampling uses a fixed seed, so one run's table always reads the same.
 */
export function comparePairedRounds(
  candidate: ReadonlyArray<number | null>,
  reference: ReadonlyArray<number | null>,
  resamples = 2_000,
): PairedComparison | null {
  const differences: number[] = [];
  let lowerRounds = 0;
  for (let i = 0; i < Math.min(candidate.length, reference.length); i++) {
    const [c, r] = [candidate[i], reference[i]];
    if (typeof c !== 'number' || typeof r !== 'number') continue;
    differences.push(c - r);
    if (c < r) lowerRounds++;
  }
  if (differences.length < 3) return null;
  const random = seededRandom(0x7a4d3);
  const medians: number[] = [];
  for (let n = 0; n < resamples; n++) {
    const sample = differences.map(() => differences[Math.floor(random() * differences.length)]!);
    medians.push(median(sample)!);
  }
  return {
    lowerRounds,
    rounds: differences.length,
    medianDifference: median(differences)!,
    interval: [percentile(medians, 5)!, percentile(medians, 95)!],
  };
}

/** Mulberry32: a small, fast PRNG; good enough to resample a handful of rounds. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
