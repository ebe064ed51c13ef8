/**
 * A token bucket on an injected clock: `ratePerSecond` sustained, `burst` at
 * once. Shots take 1 token each (1/s, burst 2: under captureVisibleTab's
 * quota of 2 calls/s, so the browser's limit never binds).
 */
export interface TokenBucket {
  /** Takes a token if one is there now. */
  take(now: number): boolean;
  /** When the next token is there (now if one is). */
  readyAt(now: number): number;
}

export function createTokenBucket({ ratePerSecond, burst }: { ratePerSecond: number; burst: number }): TokenBucket {
  let tokens = burst;
  let at = -Infinity;
  const refill = (now: number) => {
    if (now > at) tokens = at === -Infinity ? burst : Math.min(burst, tokens + ((now - at) * ratePerSecond) / 1000);
    at = Math.max(at, now);
  };
  return {
    take(now) {
      refill(now);
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    readyAt(now) {
      refill(now);
      return tokens >= 1 ? now : now + ((1 - tokens) * 1000) / ratePerSecond;
    },
  };
}

export const SHOT_BUCKET = { ratePerSecond: 1, burst: 2 } as const;
