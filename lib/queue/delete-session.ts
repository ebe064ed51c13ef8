import type { LocalSession } from '../schema/local-sessions';
import { listLocalSessions } from './list-local-sessions';
import type { ChunkKey } from '../schema/chunk';
import { bumpCounters } from './counters';
import type { QueueDb } from './open-queue-db';
import { jsonBytes } from './records';
import { deleteShotsInTx } from './shots';

/**
 * Forgets everything local about a session: its queued chunks and its chunks
 * in set-aside entries (an entry left with none is removed). For a person
 * who deletes a recording before it is uploaded.
 */
export async function deleteSession(db: QueueDb, sessionId: string): Promise<{ deleted: number }> {
  const tx = db.transaction(['chunks', 'setAside', 'counters', 'shots', 'shotDrops'], 'readwrite');
  // Keys are [sessionId, page, seq]; every [sessionId, number, number] sorts
  // after [sessionId] and before [sessionId, []] (arrays sort after numbers).
  const range = IDBKeyRange.bound([sessionId], [sessionId, []]);
  let deleted = 0;
  let bytes = 0;
  let cursor = await tx.objectStore('chunks').openCursor(range);
  while (cursor) {
    const b = cursor.value.bytes;
    bytes += typeof b === 'number' && Number.isFinite(b) ? b : 0;
    deleted += 1;
    await cursor.delete();
    cursor = await cursor.continue();
  }
  await bumpCounters(tx.objectStore('counters'), { pendingBytes: -bytes });
  // Its screenshots too (same key prefix); counted with the chunks as what was deleted.
  deleted += await deleteShotsInTx(tx.objectStore('shots'), tx.objectStore('counters'), range);
  await tx.objectStore('shotDrops').delete(range);

  let aside = await tx.objectStore('setAside').openCursor();
  while (aside) {
    const entry = aside.value;
    const keys: ChunkKey[] = Array.isArray(entry.chunkKeys) ? entry.chunkKeys : [];
    const chunks: unknown[] = Array.isArray(entry.chunks) ? entry.chunks : [];
    const keep = (c: unknown) => (c as { sessionId?: unknown } | null)?.sessionId !== sessionId;
    if (keys.some((k) => !keep(k)) || chunks.some((c) => !keep(c))) {
      const left = chunks.filter(keep);
      const rest = { ...entry, chunkKeys: keys.filter(keep), chunks: left, bytes: jsonBytes(left) };
      if (rest.chunks.length === 0) await aside.delete();
      else await aside.update(rest);
    }
    aside = await aside.continue();
  }
  await tx.done;
  return { deleted };
}

/** Deletes every local session `which` picks (all of them without it): the person's "delete all", a newly blocked site. */
export async function deleteSessions(
  db: QueueDb,
  which: (session: LocalSession) => boolean = () => true,
): Promise<{ sessions: number; deleted: number }> {
  const picked = (await listLocalSessions(db)).filter(which);
  let deleted = 0;
  for (const s of picked) deleted += (await deleteSession(db, s.sessionId)).deleted;
  return { sessions: picked.length, deleted };
}
