import type { ShotTrigger } from '../../schema/screenshot';

/**
 * The screenshots' byte budget (issue 15: at most `screenshots.maxMegabytesPerHour` stored per
 * recorded hour, whatever the pace). A bucket of bytes on an injected clock: it holds at most
 * BURST_SHOTS shots' worth, refills so that a full bucket plus an hour's refill is the hourly
 * budget (so no hour, however it is cut, stores more), and starts empty, so neither a new worker
 * (an MV3 worker restarts often) nor a short session gets bytes the rate has not paid for.
 *
 * A shot may start only when the bucket holds its estimated size (the mean of the last stored
 * shots) plus its trigger's reserve: periodic shots go first when the budget is short (they
 * need the bucket more than half full), then after-action ones, and before-action ones last. A
 * stored shot pays its real size; one larger than estimated leaves the bucket in debt, repaid
 * before the next shot, so the estimate never lets more through.
 */
export const BURST_SHOTS = 4;
/** What a shot at the defaults weighs (1280 px WebP at q0.6, measured 21-31 KB) until one is stored. */
export const FIRST_ESTIMATE_BYTES = 32_000;
/** How many of the last stored shots the estimate averages. */
const ESTIMATE_OVER = 8;

/** The bucket level a shot needs, by trigger: its estimate, more for an after-action one, and periodic ones only while it is more than half full. */
function needs(trigger: ShotTrigger, estimate: number, capacity: number): number {
  if (trigger === 'before-action') return estimate;
  if (trigger === 'after-action') return 1.5 * estimate;
  return Math.max(estimate, capacity / 2 + 1);
}

export interface ByteBudgetState {
  /** Bytes in the bucket at `at` (below 0: a debt). */
  level: number;
  at: number;
  /** The last stored shots' sizes, newest last. */
  recent: number[];
}

export function newByteBudget(now: number): ByteBudgetState {
  return { level: 0, at: now, recent: [] };
}

/** The next shot's estimated size in bytes. */
export function estimateBytes(s: ByteBudgetState): number {
  if (s.recent.length === 0) return FIRST_ESTIMATE_BYTES;
  return s.recent.reduce((a, b) => a + b, 0) / s.recent.length;
}

/** The bucket's size and refill per ms for an hourly budget, at the current estimate. */
export function budgetShape(s: ByteBudgetState, megabytesPerHour: number): { capacity: number; perMs: number } {
  const hourly = megabytesPerHour * 1e6;
  const estimate = estimateBytes(s);
  // At least one shot's worth, or none would ever start; with a budget of a few shots an hour it still refills (at a tenth of it).
  const capacity = Math.max(estimate, Math.min(BURST_SHOTS * estimate, hourly / 2));
  return { capacity, perMs: Math.max(hourly - capacity, hourly / 10) / 3_600_000 };
}

/** The state refilled up to `now` (a clock going back refills nothing). */
export function refill(s: ByteBudgetState, now: number, megabytesPerHour: number): ByteBudgetState {
  if (now <= s.at) return s;
  const { capacity, perMs } = budgetShape(s, megabytesPerHour);
  return { ...s, level: Math.min(capacity, s.level + (now - s.at) * perMs), at: now };
}

/** Whether the budget pays for a shot of `trigger` now. */
export function budgetAllows(s: ByteBudgetState, trigger: ShotTrigger, now: number, megabytesPerHour: number): boolean {
  const { capacity } = budgetShape(s, megabytesPerHour);
  return refill(s, now, megabytesPerHour).level >= needs(trigger, estimateBytes(s), capacity);
}

/** A stored shot of `bytes` paid from the bucket (a debt if it weighed more than the bucket held). */
export function spend(s: ByteBudgetState, bytes: number, now: number, megabytesPerHour: number): ByteBudgetState {
  const filled = refill(s, now, megabytesPerHour);
  const next = { ...filled, recent: [...filled.recent, bytes].slice(-ESTIMATE_OVER) };
  // A smaller estimate makes a smaller bucket (and a faster refill): what it no longer holds is gone.
  return { ...next, level: Math.min(filled.level, budgetShape(next, megabytesPerHour).capacity) - bytes };
}
