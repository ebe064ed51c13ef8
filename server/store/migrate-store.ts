import { createHash } from 'node:crypto';
import type { StoredChunk, StoredMeta } from './records';
import { shotKeyString } from '../../lib/schema/screenshot';
import { InstallErasedError, type Store } from './store';
import { copyInstallCredential } from './migrate-credentials';
import { forgetInstall } from '../../lib/rules/lineage/lineage-rules';
import { canonicalJson } from '../../lib/rules/consent/canonical-json';

/** Chunks committed per batch while migrating (bounds memory: one piece of one session at a time). */
const PIECE = 50;

export interface MigrateProgress {
  sessions: number;
  /** Sessions already complete in the target (a resumed or repeated run). */
  skipped: number;
  chunks: number;
  /** Tombstones of the source now in the target (including those a previous run wrote). */
  tombstones: number;
  /** Consent receipts of the source now in the target (including those a previous run wrote). */
  receipts: number;
  /** Receipt ids the target holds with other content: not overwritten (receipts are immutable), reported. */
  receiptConflicts: string[];
  /** Sessions of erased installs still in the source (an erasure cut short there): not copied. */
  erasedNotCopied: number;
  /** Install credential records (hashes) of the source now in the target: those installs need not enrol again. */
  credentials: number;
  /** Installs the target holds another credential for (enrolled there since): that one is kept, reported. */
  credentialConflicts: string[];
  /** Screenshots of the source now in the target (including those a previous run wrote). */
  shots: number;
  /** Shot keys the target holds with other bytes: not overwritten, reported. */
  shotConflicts: string[];
  /** Sessions of erased installs an earlier run had copied (before the source erased them): deleted from the target. */
  erasedFromTarget: number;
  /** Discarded-shot reports (running totals per session, page and reason) now in the target; the highest count is kept. */
  shotDropReports: number;
  /** Export lineages (which install each pseudonym stands for) of the source now in the target. */
  lineages: number;
  /** Export ids the target holds another lineage for: that one is kept, reported. */
  lineageConflicts: string[];
}

/**
 * Copies a store into another through the Store interface: tombstones first,
 * then consent receipts, install credential records and export lineages, then every session (chunks,
 * summaries, drop reports, screenshots and their discarded-shot totals; sessions known only from
 * screenshots too) of an install that was not erased.
 *
 * An erased install stays erased: its tombstone reaches the target before any
 * session could, so the target refuses the install's batches from then on;
 * its sessions are never copied, and those an earlier run copied (before the
 * source erased the install) are deleted from the target. Receipts are
 * copied as stored (with their `storedAt`), erased installs' too: they prove
 * what was agreed and hold no recorded content.
 *
 * Idempotent and resumable: tombstones and receipts are stored once by id, a
 * session the target already holds whole is skipped, and each piece goes in
 * as a batch whose id is a digest of its chunk keys, so an interrupted piece
 * is stored again once and a finished one is answered from its receipt.
 * Batch receipts of the source are not copied: a device resending an old
 * batch is still told every chunk is a duplicate.
 */
export async function migrateStore(from: Store, to: Store, onSession: (p: MigrateProgress) => void = () => {}): Promise<MigrateProgress> {
  const progress: MigrateProgress = {
    sessions: 0,
    skipped: 0,
    chunks: 0,
    tombstones: 0,
    receipts: 0,
    receiptConflicts: [],
    credentials: 0,
    credentialConflicts: [],
    erasedNotCopied: 0,
    erasedFromTarget: 0,
    shots: 0,
    shotConflicts: [],
    shotDropReports: 0,
    lineages: 0,
    lineageConflicts: [],
  };
  const erased = new Set<string>();
  for (const tombstone of await from.listTombstones()) {
    await to.putTombstone(tombstone);
    erased.add(tombstone.installId);
    // Copied by an earlier run, before the source erased the install.
    progress.erasedFromTarget += (await to.deleteInstall(tombstone.installId)).sessions;
    progress.tombstones += 1;
  }
  for (const receipt of await from.listConsentReceipts()) {
    const { outcome } = await to.putConsentReceipt(receipt);
    if (outcome === 'conflict') progress.receiptConflicts.push(receipt.receiptId);
    else progress.receipts += 1;
  }
  // After the tombstones: an erased install's record (an erasure cut short) is not copied, so it stays refused.
  for (const record of await from.listInstallCredentials()) {
    if (erased.has(record.installId)) continue;
    const outcome = await copyInstallCredential(to, record);
    if (outcome === 'conflict') progress.credentialConflicts.push(record.installId);
    else progress.credentials += 1;
  }
  await copyLineages(from, to, erased, progress);
  for (const meta of await from.listSessions()) {
    if (meta.installId !== undefined && erased.has(meta.installId)) {
      progress.erasedNotCopied += 1;
      continue;
    }
    const there = await to.meta(meta.id);
    if (there && there.chunks >= meta.chunks) {
      progress.skipped += 1;
    } else {
      try {
        progress.chunks += await copySession(from, to, meta);
      } catch (err) {
        // Erased in the target (not in the source): it stays erased there.
        if (!(err instanceof InstallErasedError)) throw err;
        progress.erasedNotCopied += 1;
        continue;
      }
    }
    await copyShots(from, to, meta.id, progress);
    await copyShotDrops(from, to, meta.id, meta.installId, progress);
    progress.sessions += 1;
    onSession(progress);
  }
  for (const session of await from.listShotOnlySessions()) {
    if (erased.has(session.installId)) {
      progress.erasedNotCopied += 1;
      continue;
    }
    await copyShots(from, to, session.id, progress);
    await copyShotDrops(from, to, session.id, session.installId, progress);
    progress.sessions += 1;
    onSession(progress);
  }
  return progress;
}

/**
 * Export lineages, after the tombstones, each with the source's erasures applied (one cut short there
 * may have left an erased install's entry), so no copied lineage names an erased install. One the
 * target holds otherwise (an erasure of its own since) is kept and reported.
 */
async function copyLineages(from: Store, to: Store, erased: ReadonlySet<string>, progress: MigrateProgress): Promise<void> {
  for (const stored of await from.listExportLineages()) {
    const record = [...erased].reduce((r, installId) => forgetInstall(r, installId) ?? r, stored);
    const there = await to.exportLineage(record.exportId);
    if (there === null) await to.putExportLineage(record);
    else if (canonicalJson(there) !== canonicalJson(record)) {
      progress.lineageConflicts.push(record.exportId);
      continue;
    }
    progress.lineages += 1;
  }
}

/** A session's discarded-shot totals: the target keeps the highest count, so a repeated run changes nothing. */
async function copyShotDrops(
  from: Store,
  to: Store,
  sessionId: string,
  installId: string | undefined,
  progress: MigrateProgress,
): Promise<void> {
  const reports = await from.shotDrops(sessionId);
  if (reports.length === 0 || installId === undefined) return;
  await to.recordShotDrops(reports, installId);
  progress.shotDropReports += reports.length;
}

/** A session's shots, one at a time (an image is at most MAX_SHOT_BYTES); each stored once by its key. */
async function copyShots(from: Store, to: Store, sessionId: string, progress: MigrateProgress): Promise<void> {
  for (const record of await from.listShots(sessionId)) {
    const image = await from.readShotImage(record);
    if (!image) continue; // deleted since it was listed
    try {
      const { outcome } = await to.putShot(record, image);
      if (outcome === 'conflict') progress.shotConflicts.push(shotKeyString(record));
      else progress.shots += 1;
    } catch (err) {
      // Erased in the target (not in the source): it stays erased there.
      if (err instanceof InstallErasedError) return;
      throw err;
    }
  }
}

/** Copies one session in pieces of PIECE chunks, its drop reports with the last; returns the chunks the target stored. */
async function copySession(from: Store, to: Store, meta: StoredMeta): Promise<number> {
  const drops = await from.drops(meta.id);
  let copied = 0;
  let piece: StoredChunk[] = [];
  const commit = async (last: boolean) => {
    if (piece.length === 0 && !(last && drops.length)) return;
    const keys = piece.map((c) => `${c.page}/${c.seq}`).join(',');
    const batchId = `migrate-${createHash('sha256').update(`${meta.id}:${keys}:${last}`).digest('base64url').slice(0, 32)}`;
    const receipt = { batchId, stored: piece.length, duplicates: 0, installId: meta.installId };
    await to.commitBatch(receipt, piece, last ? drops : []);
    copied += piece.length;
    piece = [];
  };
  for await (const chunk of from.iterateChunks(meta.id)) {
    piece.push(chunk);
    if (piece.length >= PIECE) await commit(false);
  }
  await commit(true);
  return copied;
}
