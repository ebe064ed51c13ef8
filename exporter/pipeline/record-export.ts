import type { AuditEvent } from '../../lib/schema/audit-entry';
import { AuditLog, type AuditLogOptions } from '../../server/audit/audit-log';

/** The audit entry's id list is capped at 10,000 (lib/schema/audit-entry.ts), the export id first: a larger export takes several entries. */
const IDS_PER_ENTRY = 9_999;

export interface ExportRecord {
  /** The export's id: its lineage (the pseudonym -> install mapping) is the store's record under it. */
  exportId: string;
  /** How many installs' pseudonyms the export holds. */
  installs: number;
  /** Every session the export read (the filter's sessions, this shard's or not: all are read). */
  sessionIds: readonly string[];
  /** Steps written per session, for the sessions this run built (a resumed run built only the rest). */
  stepsBySession: ReadonlyMap<string, number>;
  totals: { steps: number; episodes: number };
}

/**
 * Appends `session.export` to the data dir's audit log (ids only: the export
 * id, which names its lineage record in the store, session ids and counts). Done before the manifest is written: an export whose reading
 * could not be recorded does not finish.
 */
export async function recordExport(dataDir: string, record: ExportRecord, opts: AuditLogOptions = {}): Promise<void> {
  const log = await AuditLog.open(dataDir, opts);
  const ids = [...record.sessionIds];
  const parts = Math.max(1, Math.ceil(ids.length / IDS_PER_ENTRY));
  for (let part = 0; part < parts; part++) {
    const slice = ids.slice(part * IDS_PER_ENTRY, (part + 1) * IDS_PER_ENTRY);
    const counts: Record<string, number> = {
      sessions: ids.length,
      steps: record.totals.steps,
      episodes: record.totals.episodes,
      installs: record.installs,
    };
    if (parts > 1) Object.assign(counts, { part: part + 1, parts });
    for (const id of slice) {
      const steps = record.stepsBySession.get(id);
      if (steps !== undefined) counts[`steps:${id}`] = steps;
    }
    const event: AuditEvent = { action: 'session.export', actor: { role: 'export' }, ids: [record.exportId, ...slice], counts };
    await log.append(event);
  }
}
