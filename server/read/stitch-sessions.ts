import { MAX_SUMMARY_TITLES, type SessionRow, type SessionSummary } from '../../lib/schema/read-api';
import { ACTIVITY_BUCKETS } from '../../lib/schema/session-outline';

/**
 * One row per tab run: the sessions a tab went through without an idle break
 * (it moved between sites) become one summary. Sessions without a run (stored
 * before runs were kept) stay rows of their own. Pure; rows come out in the
 * order their first session came in.
 */
export function stitchByTab(sessions: readonly SessionSummary[]): SessionRow[] {
  const runs = new Map<string, SessionSummary[]>();
  const rows: SessionSummary[][] = [];
  for (const s of sessions) {
    const run = s.tabRunId === null ? undefined : runs.get(s.tabRunId);
    if (run) run.push(s);
    else {
      const fresh = [s];
      rows.push(fresh);
      if (s.tabRunId !== null) runs.set(s.tabRunId, fresh);
    }
  }
  return rows.map(stitchRun);
}

function stitchRun(run: SessionSummary[]): SessionRow {
  const parts = [...run].sort((a, b) => a.startedAt - b.startedAt || (a.id < b.id ? -1 : 1));
  const first = parts[0]!;
  const startedAt = Math.min(...parts.map((p) => p.startedAt));
  const endedAt = Math.max(...parts.map((p) => p.endedAt));
  const actionCounts: SessionSummary['actionCounts'] = {};
  for (const p of parts) {
    for (const [type, n] of Object.entries(p.actionCounts) as Array<[keyof typeof actionCounts, number]>) {
      actionCounts[type] = (actionCounts[type] ?? 0) + n;
    }
  }
  return {
    ...first,
    startedAt,
    endedAt,
    actionCounts,
    bytes: parts.reduce((sum, p) => sum + p.bytes, 0),
    titles: [...new Set(parts.flatMap((p) => p.titles))].slice(0, MAX_SUMMARY_TITLES),
    pages: parts.reduce((sum, p) => sum + p.pages, 0),
    activity: joinActivity(parts, startedAt, endedAt),
    parts: parts.map(({ id, site, url, startedAt, endedAt, titles, pages }) => ({ id, site, url, startedAt, endedAt, titles, pages })),
  };
}

/**
 * The parts' activity as ACTIVITY_BUCKETS stretches of the whole run: each
 * part's bucket lands in the stretch holding its middle, so every action is
 * counted once and a bucket is exact to one part-bucket's width. Unknown (empty)
 * when a part's is.
 */
export function joinActivity(
  parts: ReadonlyArray<Pick<SessionSummary, 'startedAt' | 'endedAt' | 'activity'>>,
  startedAt: number,
  endedAt: number,
): number[] {
  if (parts.some((p) => p.activity.length === 0)) return [];
  if (parts.length === 1) return [...parts[0]!.activity];
  const buckets = new Array<number>(ACTIVITY_BUCKETS).fill(0);
  const span = Math.max(1, endedAt - startedAt);
  for (const p of parts) {
    const width = (p.endedAt - p.startedAt) / ACTIVITY_BUCKETS;
    p.activity.forEach((n, i) => {
      if (n === 0) return;
      const middle = p.startedAt + (i + 0.5) * width;
      const at = Math.floor(((middle - startedAt) / span) * ACTIVITY_BUCKETS);
      buckets[Math.max(0, Math.min(ACTIVITY_BUCKETS - 1, at))]! += n;
    });
  }
  return buckets;
}
