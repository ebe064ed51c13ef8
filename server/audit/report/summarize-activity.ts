import type { StoredMeta } from '../../store/records';
import type { ActivityRow } from './report-schema';

/** Sessions, actions and bytes per site and UTC day of each session's start; by day, then site. */
export function summarizeActivity(sessions: readonly StoredMeta[]): ActivityRow[] {
  const rows = new Map<string, ActivityRow>();
  for (const s of sessions) {
    const day = new Date(s.startedAt).toISOString().slice(0, 10);
    const key = `${day} ${s.site}`;
    const row = rows.get(key) ?? { day, site: s.site, sessions: 0, actions: 0, bytes: 0 };
    row.sessions++;
    row.actions += Object.values(s.actionCounts).reduce((n, c) => n + (c ?? 0), 0);
    row.bytes += s.bytes;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => (a.day !== b.day ? (a.day < b.day ? -1 : 1) : a.site < b.site ? -1 : a.site > b.site ? 1 : 0));
}
