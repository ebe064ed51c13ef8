import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';
import type { Bucket } from './bucket';
import { parseChunkObjectKey, PROBE_PREFIX } from './object-keys';
import { parseShotObjectKey, shotObjectIsOrphan } from './shots';

/** Any number from pg_advisory_lock's key space; names "webtrace orphan sweep": one instance sweeps at a time. */
const SWEEP_LOCK = 0x77745f32;

/**
 * Objects no index row names: a batch whose instance was killed between its
 * object puts and its COMMIT (or an erasure killed between its COMMIT and its
 * deletes). Each chunk object older than `before` without a row is claimed
 * first, by inserting its row in a transaction, so an ingest adopting it at
 * the same moment waits; the object is deleted, the claim rolled back, and the
 * waiting ingest then finds no object and puts its own. An object whose row
 * exists (or appears) is kept. Screenshots' objects likewise (sweepShotObject).
 */
export async function sweepOrphans(
  deps: { pool: pg.Pool; bucket: Bucket; log: FastifyBaseLogger },
  before: number,
): Promise<{ removed: number; kept: number }> {
  const client = await deps.pool.connect();
  let removed = 0;
  let kept = 0;
  try {
    const locked = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [SWEEP_LOCK]);
    if (!locked.rows[0]?.ok) return { removed, kept }; // another instance is sweeping
    try {
      for await (const page of deps.bucket.list()) {
        for (const object of page) {
          if (object.key.startsWith(PROBE_PREFIX)) {
            if (object.lastModified < before) await deps.bucket.deleteKeys([object.key]);
            continue;
          }
          if (object.lastModified >= before) continue;
          if (parseShotObjectKey(object.key)) {
            if (await sweepShotObject(client, deps.bucket, object.key)) removed += 1;
            else kept += 1;
            continue;
          }
          const key = parseChunkObjectKey(object.key);
          if (!key) continue;
          await client.query('BEGIN');
          try {
            const claim = await client.query(
              "INSERT INTO wt_chunks (session_id, page, seq, object_key, json_bytes, batch_id) VALUES ($1, $2, $3, $4, 0, 'orphan-sweep') ON CONFLICT DO NOTHING RETURNING seq",
              [key.sessionId, key.page, key.seq, object.key],
            );
            if (claim.rowCount === 1) {
              await deps.bucket.deleteKeys([object.key]);
              removed += 1;
            } else kept += 1;
          } finally {
            // The claim was only a lock: never committed.
            await client.query('ROLLBACK');
          }
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [SWEEP_LOCK]);
    }
  } finally {
    client.release();
  }
  if (removed) deps.log.warn({ removed, kept }, 'orphan objects removed (left by writes killed before their index rows)');
  return { removed, kept };
}

/** A screenshot's object (shots.ts): deleted when no committed row names it; the claim is only a lock, never committed. */
async function sweepShotObject(client: pg.PoolClient, bucket: Bucket, objectKey: string): Promise<boolean> {
  await client.query('BEGIN');
  try {
    if (!(await shotObjectIsOrphan(client, objectKey))) return false;
    await bucket.deleteKeys([objectKey]);
    return true;
  } finally {
    await client.query('ROLLBACK');
  }
}
