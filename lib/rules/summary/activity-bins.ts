import type { ActivityBins } from '../../schema/activity-bins';
import { ACTIVITY_BUCKETS } from '../../schema/session-outline';

/** The finest bin: a tenth of a second, so even a few-second session spreads over its 24 stretches. */
export const FIRST_BIN_MS = 100;
/** Bins kept per session; past it, bins double in width (pairs merge), so a summary stays a few KB whatever the length. */
export const MAX_BINS = 240;

export const emptyBins = (): ActivityBins => ({ binMs: FIRST_BIN_MS, counts: [] });

/**
 * `bins` plus one count per timestamp. Bins are aligned to absolute time
 * (index = floor(t / binMs)), so chunks arriving in any order add up to the
 * same bins, and merging pairs keeps them aligned. Pure.
 */
export function addToBins(bins: ActivityBins, timestamps: readonly number[]): ActivityBins {
  if (timestamps.length === 0) return bins;
  const counts = new Map<number, number>(bins.counts);
  for (const t of timestamps) {
    const index = Math.floor(t / bins.binMs);
    counts.set(index, (counts.get(index) ?? 0) + 1);
  }
  let binMs = bins.binMs;
  let merged = counts;
  while (merged.size > MAX_BINS) {
    binMs *= 2;
    const wider = new Map<number, number>();
    for (const [index, n] of merged) wider.set(Math.floor(index / 2), (wider.get(Math.floor(index / 2)) ?? 0) + n);
    merged = wider;
  }
  return { binMs, counts: [...merged].sort((a, b) => a[0] - b[0]) };
}

/**
 * The bins as ACTIVITY_BUCKETS equal stretches of [startedAt, endedAt]; each
 * bin lands in the stretch holding its middle (clamped to the span), so a
 * stretch is exact to one bin's width.
 */
export function bucketActivity(bins: ActivityBins, startedAt: number, endedAt: number): number[] {
  const buckets = new Array<number>(ACTIVITY_BUCKETS).fill(0);
  const span = Math.max(1, endedAt - startedAt);
  for (const [index, n] of bins.counts) {
    const middle = Math.min(endedAt, Math.max(startedAt, (index + 0.5) * bins.binMs));
    const at = Math.floor(((middle - startedAt) / span) * ACTIVITY_BUCKETS);
    buckets[Math.max(0, Math.min(ACTIVITY_BUCKETS - 1, at))]! += n;
  }
  return buckets;
}
