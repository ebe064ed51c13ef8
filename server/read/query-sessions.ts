import { defaultSortOrder, type SessionRow, type SessionSort, type SessionSummary } from '../../lib/schema/read-api';
import type { SessionListQuery } from './read-params';
import { stitchByTab } from './stitch-sessions';

type Compare = (a: SessionSummary, b: SessionSummary) => number;

const totalActions = (s: SessionSummary): number => Object.values(s.actionCounts).reduce((sum, n) => sum + (n ?? 0), 0);

const byKey: Record<SessionSort, Compare> = {
  start: (a, b) => a.startedAt - b.startedAt,
  duration: (a, b) => a.endedAt - a.startedAt - (b.endedAt - b.startedAt),
  actions: (a, b) => totalActions(a) - totalActions(b),
  bytes: (a, b) => a.bytes - b.bytes,
  site: (a, b) => (a.site < b.site ? -1 : a.site > b.site ? 1 : 0),
};

/**
 * Filters, sorts and pages the summaries (with `stitch`, the rows of tab runs
 * made of the matching sessions). Ties are broken by start (newest first) then
 * id, so the order is total and pages never overlap or skip.
 */
export function querySessions(all: readonly SessionSummary[], query: SessionListQuery): { sessions: SessionRow[]; total: number } {
  const filtered = all.filter(
    (s) =>
      (query.site === undefined || s.site === query.site) &&
      (query.tabRun === undefined || s.tabRunId === query.tabRun) &&
      (query.from === undefined || s.startedAt >= query.from) &&
      (query.to === undefined || s.startedAt < query.to),
  );
  const matching: SessionRow[] = query.stitch === 'tab' ? stitchByTab(filtered) : filtered;
  const sign = (query.order ?? defaultSortOrder(query.sort)) === 'asc' ? 1 : -1;
  const primary = byKey[query.sort];
  matching.sort((a, b) => sign * primary(a, b) || b.startedAt - a.startedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { sessions: matching.slice(query.offset, query.offset + query.limit), total: matching.length };
}

/** Every site with its number of sessions, most sessions first (then by name). */
export function siteCounts(all: readonly SessionSummary[]): Array<{ site: string; sessions: number }> {
  const counts = new Map<string, number>();
  for (const s of all) counts.set(s.site, (counts.get(s.site) ?? 0) + 1);
  return [...counts].map(([site, sessions]) => ({ site, sessions })).sort((a, b) => b.sessions - a.sessions || (a.site < b.site ? -1 : 1));
}
