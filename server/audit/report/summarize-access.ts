import type { AuditEntry } from '../../../lib/schema/audit-entry';
import type { AccessRow } from './report-schema';

/** Who read or exported: one row per role and token hash, with what they touched. */
export function summarizeAccess(entries: readonly AuditEntry[]): AccessRow[] {
  const rows = new Map<string, { row: AccessRow; sessions: Set<string> }>();
  for (const e of entries) {
    if (e.action !== 'session.read' && e.action !== 'session.export') continue;
    const key = `${e.actor.role} ${e.actor.tokenHash ?? ''}`;
    const found = rows.get(key) ?? {
      row: { ...e.actor, reads: 0, exports: 0, sessions: 0, firstAt: e.at, lastAt: e.at },
      sessions: new Set<string>(),
    };
    if (e.action === 'session.read') found.row.reads++;
    else found.row.exports++;
    for (const id of e.ids) found.sessions.add(id);
    found.row.firstAt = Math.min(found.row.firstAt, e.at);
    found.row.lastAt = Math.max(found.row.lastAt, e.at);
    rows.set(key, found);
  }
  return [...rows.values()]
    .map(({ row, sessions }) => ({ ...row, sessions: sessions.size }))
    .sort((a, b) => b.reads + b.exports - (a.reads + a.exports) || (a.role < b.role ? -1 : 1));
}
