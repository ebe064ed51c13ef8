import type { AuditSink } from '../../../lib/schema/audit-entry';
import type { Store } from '../../store/store';
import type { KeyedLock } from '../../util/keyed-lock';
import type { Retention } from '../../settings/retention';
import { earliestCutoff, isExpired } from './retention-window';

export interface SweepDeps {
  store: Store;
  /** The batch route's lock: a session is deleted while no batch of it is being written. */
  locks: KeyedLock;
  retention: Retention;
  now: () => number;
  audit?: AuditSink;
}

export interface SweepResult {
  sessions: number;
  chunks: number;
  /** Sessions started before this were looked at (the shortest retention in force). */
  cutoff: number | null;
}

/**
 * Deletes every session that started before the cutoff (its shots with it,
 * and sessions known only from shots, from their first shot). It reads the store,
 * not a schedule: a server that was off when sessions expired deletes them on
 * its first sweep after start.
 */
export async function sweepExpired(deps: SweepDeps): Promise<SweepResult> {
  const now = deps.now();
  const cutoff = earliestCutoff(deps.retention, now);
  if (cutoff === null) return { sessions: 0, chunks: 0, cutoff };
  // Sessions known only from screenshots expire from their first shot.
  const shotsOnly = (await deps.store.listShotOnlySessions()).filter((s) => s.startedAt < cutoff);
  const expired = [...(await deps.store.listSessions({ to: cutoff })), ...shotsOnly].filter((m) => isExpired(m, deps.retention, now));
  const result: SweepResult = { sessions: 0, chunks: 0, cutoff };
  const ids: string[] = [];
  for (const session of expired) {
    const deleted = await deps.locks.run([`session:${session.id}`], () => deps.store.deleteSession(session.id));
    result.sessions += deleted.sessions;
    result.chunks += deleted.chunks;
    if (deleted.sessions > 0) ids.push(session.id);
  }
  if (ids.length > 0) {
    // Once per sweep, not per session: the fs store rotates its log for it.
    await deps.store.settleDeletes();
    await deps.audit?.({
      action: 'retention.sweep',
      actor: { role: 'server' },
      ids,
      counts: { sessions: result.sessions, chunks: result.chunks },
    });
  }
  return result;
}
