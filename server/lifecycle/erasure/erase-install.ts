import type { AuditActor } from '../../../lib/schema/audit-entry';
import type { ErasureConfirmation, Tombstone } from '../../../lib/schema/erasure';
import { installLockKey } from '../install-gate';
import type { LifecycleDeps } from '../lifecycle-deps';

/**
 * Erases an install: tombstone first (durable; from then on its batches and
 * receipts are refused with 410), then every session, chunk and drop report
 * of it, and its entry in every export's lineage. Both under the install's lock (exclusive; uploads share it), so an upload of the install in flight
 * finishes before (and is deleted here) or is refused after. Consent receipts
 * stay: they prove what was agreed and withdrawn and hold no recorded content.
 * Run again, it deletes whatever is left (an erasure a crash cut short).
 */
export async function eraseInstall(
  deps: Pick<LifecycleDeps, 'store' | 'locks' | 'now' | 'audit'>,
  installId: string,
  actor: AuditActor & { role: Tombstone['by'] },
): Promise<ErasureConfirmation> {
  const { store } = deps;
  const result = await deps.locks.run([installLockKey(installId)], async () => {
    const before = await store.tombstone(installId);
    const tombstone = before ?? (await store.putTombstone({ installId, erasedAt: deps.now(), by: actor.role }));
    const deleted = await store.deleteInstall(installId);
    // The exports that held it now need a rebuild (GET /v1/admin/exports); their mapping no longer names it.
    const exports = await store.forgetInstallInExports(installId);
    return { tombstone, deleted, exports, firstErasure: before === null };
  });
  const receipts = await store.consentReceipts(installId);
  await deps.audit?.({
    action: 'subject.erase',
    actor,
    ids: [installId],
    counts: { sessions: result.deleted.sessions, chunks: result.deleted.chunks, exports: result.exports },
  });
  return {
    installId,
    sessionsDeleted: result.deleted.sessions,
    chunksDeleted: result.deleted.chunks,
    consentReceiptsKept: receipts.length,
    tombstoneAt: result.tombstone.erasedAt,
    firstErasure: result.firstErasure,
  };
}
