import type pg from 'pg';
import type { DroppedChunks } from '../../../lib/schema/dropped-chunks';
import { mapLimit } from '../../util/map-limit';
import { encodeChunk } from '../chunk-codec';
import { applyChunk, storedReceiptSchema, type StoredChunk, type StoredMeta, type StoredReceipt } from '../records';
import { InstallErasedError, SessionOwnedError } from '../store';
import { comparePageSeq } from '../store-paths';
import type { Bucket } from './bucket';
import { installLockSql, tombstoneRow } from './lifecycle-rows';
import { chunkObjectKey } from './object-keys';
import { metaFromRow } from './rows';

export interface CommitContext {
  pool: pg.Pool;
  bucket: Bucket;
  retentionClass: string;
  /** Test hook: called at each step (a crash test kills the process there). */
  onStep?: (step: CommitStep) => void | Promise<void>;
}

export type CommitStep = 'claimed' | 'object-put' | 'index-written' | 'committed';

const byKey = (a: StoredChunk, b: StoredChunk) => (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : comparePageSeq(a, b));

/**
 * One batch, exactly once across instances, in one PostgreSQL transaction:
 *  0. refuse an erased install (its tombstone, read under the install's advisory lock);
 *  1. claim each session for the install (first writer wins; another install is refused);
 *  2. claim the batch id (a concurrent instance with the same batch waits here,
 *     then finds it stored and answers with its receipt);
 *  3. claim each chunk's row (the primary key decides who stores it; rows go in
 *     key order, since opposite orders deadlock);
 *  4. put the claimed chunks' objects with If-None-Match: * (a 412 is an object
 *     a killed instance left before its rows: adopted, it is the same chunk);
 *  5. update the sessions' summaries under their row locks, store new drop reports;
 *  6. COMMIT, and only then acknowledge.
 * Killed before COMMIT, nothing of the batch is indexed: its objects are
 * orphans, adopted by a resend or removed by the sweeper (orphan-sweeper.ts).
 */
export async function commitBatchOnce(
  ctx: CommitContext,
  receipt: StoredReceipt,
  chunks: readonly StoredChunk[],
  dropped: readonly DroppedChunks[],
): Promise<StoredReceipt> {
  const installId = receipt.installId;
  if (!installId) throw new Error('a receipt to store needs its install');
  const encoded = new Map(await Promise.all(chunks.map(async (c) => [c, await encodeChunk(c)] as const)));
  const client = await ctx.pool.connect();
  let failed = false;
  try {
    await client.query('BEGIN');
    // Shared with other commits of the install, exclusive with its erasure (lifecycle-rows.ts).
    await client.query(installLockSql('shared'), [installId]);
    if (await tombstoneRow(client, installId)) throw new InstallErasedError(installId);
    const sessionIds = [...new Set([...chunks.map((c) => c.sessionId), ...dropped.map((d) => d.sessionId)])].sort();
    for (const id of sessionIds) {
      await client.query('INSERT INTO wt_session_owners (session_id, install_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [id, installId]);
      const owner = await client.query<{ install_id: string }>('SELECT install_id FROM wt_session_owners WHERE session_id = $1', [id]);
      if (owner.rows[0]?.install_id !== installId) throw new SessionOwnedError(id);
    }
    const claim = await client.query(
      'INSERT INTO wt_receipts (batch_id, receipt) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING batch_id',
      [receipt.batchId, receipt],
    );
    if (claim.rowCount === 0) {
      // Stored by another request (or instance) that committed first: its receipt is the answer.
      await client.query('ROLLBACK');
      const { rows } = await ctx.pool.query<{ receipt: unknown }>('SELECT receipt FROM wt_receipts WHERE batch_id = $1', [receipt.batchId]);
      return storedReceiptSchema.parse(rows[0]!.receipt);
    }

    const claimed: StoredChunk[] = [];
    for (const chunk of [...chunks].sort(byKey)) {
      const objectKey = chunkObjectKey(ctx.retentionClass, installId, chunk);
      const row = await client.query(
        'INSERT INTO wt_chunks (session_id, page, seq, object_key, json_bytes, batch_id) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING seq',
        [chunk.sessionId, chunk.page, chunk.seq, objectKey, encoded.get(chunk)!.jsonBytes, receipt.batchId],
      );
      if (row.rowCount === 1) claimed.push(chunk);
    }
    await ctx.onStep?.('claimed');
    await mapLimit(claimed, 8, (chunk) =>
      ctx.bucket.putOnce(chunkObjectKey(ctx.retentionClass, installId, chunk), encoded.get(chunk)!.data, 'application/json', 'gzip'),
    );
    await ctx.onStep?.('object-put');

    const bySession = new Map<string, StoredChunk[]>();
    for (const c of claimed) bySession.set(c.sessionId, [...(bySession.get(c.sessionId) ?? []), c]);
    for (const id of [...bySession.keys()].sort()) {
      await client.query('INSERT INTO wt_sessions (id, install_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [id, installId]);
      const { rows } = await client.query<{ meta: unknown }>('SELECT meta FROM wt_sessions WHERE id = $1 FOR UPDATE', [id]);
      let meta: StoredMeta | null = metaFromRow(rows[0]?.meta);
      for (const chunk of bySession.get(id)!) meta = applyChunk(meta, chunk, encoded.get(chunk)!.jsonBytes);
      await client.query('UPDATE wt_sessions SET meta = $2, site = $3, started_at = $4 WHERE id = $1', [
        id,
        meta,
        meta!.site,
        meta!.startedAt,
      ]);
    }
    for (const d of dropped) {
      await client.query(
        'INSERT INTO wt_drops (session_id, page, from_seq, to_seq, reason, report) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING',
        [d.sessionId, d.page, d.fromSeq, d.toSeq, d.reason, { ...d, installId }],
      );
    }
    const final: StoredReceipt = { ...receipt, stored: claimed.length, duplicates: receipt.duplicates + chunks.length - claimed.length };
    await client.query('UPDATE wt_receipts SET receipt = $2 WHERE batch_id = $1', [receipt.batchId, final]);
    await ctx.onStep?.('index-written');
    await client.query('COMMIT');
    await ctx.onStep?.('committed');
    return final;
  } catch (err) {
    failed = true;
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    // A connection that failed mid-transaction is not given to the next batch.
    client.release(failed || undefined);
  }
}
