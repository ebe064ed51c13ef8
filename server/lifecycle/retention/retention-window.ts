import type { Retention } from '../../settings/retention';
import type { StoredMeta } from '../../store/records';

export const DAY_MS = 24 * 60 * 60 * 1000;

export function daysFor(retention: Retention, site: string): number {
  return retention.sites?.[site] ?? retention.days;
}

/** Whether anything can expire at all. */
export function retentionActive(retention: Retention): boolean {
  return retention.days > 0 || Object.values(retention.sites ?? {}).some((d) => d > 0);
}

/** Every expired session started before this (the shortest retention in force); null: nothing expires. */
export function earliestCutoff(retention: Retention, now: number): number | null {
  const positive = [retention.days, ...Object.values(retention.sites ?? {})].filter((d) => d > 0);
  return positive.length > 0 ? now - Math.min(...positive) * DAY_MS : null;
}

export function isExpired(meta: Pick<StoredMeta, 'startedAt' | 'site'>, retention: Retention, now: number): boolean {
  const days = daysFor(retention, meta.site);
  return days > 0 && meta.startedAt < now - days * DAY_MS;
}
