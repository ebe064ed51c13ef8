import { createHash } from 'node:crypto';
import type { StoredChunk } from './records';
import type { Store } from './store';

/** Chunks committed per batch while migrating (bounds memory: one piece of one session at a time). */
const PIECE = 50;

export interface MigrateProgress {
  sessions: number;
  /** Sessions already complete in the target (a resumed or repeated run). */
  skipped: number;
  chunks: number;
}

/**
 * Copies every session (chunks, summaries, drop reports) from one store to
 * another through the Store interface. Idempotent and resumable: a session
 * the target already holds whole is skipped, and each piece goes in as a
 * batch whose id is a digest of its chunk keys, so an interrupted piece is
 * stored again once and a finished one is answered from its receipt. Batch
 * receipts of the source are not copied: a device resending an old batch is
 * still told every chunk is a duplicate.
 */
export async function migrateStore(from: Store, to: Store, onSession: (p: MigrateProgress) => void = () => {}): Promise<MigrateProgress> {
  const progress: MigrateProgress = { sessions: 0, skipped: 0, chunks: 0 };
  for (const meta of await from.listSessions()) {
    const there = await to.meta(meta.id);
    if (there && there.chunks >= meta.chunks) {
      progress.skipped += 1;
    } else {
      const drops = await from.drops(meta.id);
      let piece: StoredChunk[] = [];
      const commit = async (last: boolean) => {
        if (piece.length === 0 && !(last && drops.length)) return;
        const keys = piece.map((c) => `${c.page}/${c.seq}`).join(',');
        const batchId = `migrate-${createHash('sha256').update(`${meta.id}:${keys}:${last}`).digest('base64url').slice(0, 32)}`;
        const receipt = { batchId, stored: piece.length, duplicates: 0, installId: meta.installId };
        await to.commitBatch(receipt, piece, last ? drops : []);
        progress.chunks += piece.length;
        piece = [];
      };
      for await (const chunk of from.iterateChunks(meta.id)) {
        piece.push(chunk);
        if (piece.length >= PIECE) await commit(false);
      }
      await commit(true);
    }
    progress.sessions += 1;
    onSession(progress);
  }
  return progress;
}
