export const RETRY_AFTER_DEFAULT_MS = 60_000;
export const RETRY_AFTER_MIN_MS = 1_000;
export const RETRY_AFTER_MAX_MS = 60 * 60_000;

/**
 * How long a Retry-After header asks us to wait: delta-seconds or an HTTP-date.
 * Clamped to [1 s, 1 h] so a broken or hostile server can neither make us
 * spin nor silence uploads for days; missing or garbage means 60 s.
 */
export function parseRetryAfterMs(header: string | null, now: number): number {
  const value = header?.trim() ?? '';
  let ms: number;
  if (/^\d+$/.test(value)) ms = Number(value) * 1000;
  else if (/[a-z]/i.test(value) && Number.isFinite(Date.parse(value))) ms = Date.parse(value) - now;
  else return RETRY_AFTER_DEFAULT_MS;
  return Math.min(RETRY_AFTER_MAX_MS, Math.max(RETRY_AFTER_MIN_MS, ms));
}
