export interface BackoffOptions {
  baseMs: number;
  factor: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 2_000, factor: 2, capMs: 5 * 60_000 };

/**
 * Exponential backoff with full jitter: a uniform delay in [0, min(cap, base·factorⁿ⁻¹)).
 * Full jitter spreads many installs' retries apart after a shared outage.
 * `attempt` counts failures so far (1 = first failure); `random` returns [0, 1).
 */
export function backoffDelayMs(attempt: number, random: () => number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 64); // bounded so the power stays finite
  const ceiling = Math.min(options.capMs, options.baseMs * options.factor ** exponent);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * ceiling);
}
