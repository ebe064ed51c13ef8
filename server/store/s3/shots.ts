import type pg from 'pg';
import type { ShotKey } from '../../../lib/schema/screenshot';
import { existingShot, storedShotRecordSchema, type ShotPut, type StoredShotRecord } from '../shot-record';
import { InstallErasedError, SessionOwnedError, StoreCorruptError } from '../store';
import type { Bucket } from './bucket';
import { installLockSql, tombstoneRow } from './lifecycle-rows';
import { sessionPrefix } from './object-keys';
import { inTransaction } from './transaction';

export interface ShotContext {
  pool: pg.Pool;
  bucket: Bucket;
  retentionClass: string;
}

/**
 * Where a shot's image lives: under its session's prefix (so erasing an
 * install or a session deletes it with the chunks), named by its content:
 *   <class>/<installId>/<sessionId>/shots/<page>-<takenAt>.<sha256>.webp
 * An object that exists under the name (a 412) therefore holds these bytes.
 */
export function shotObjectKey(retentionClass: string, record: StoredShotRecord): string {
  const name = `${String(record.page).padStart(6, '0')}-${record.takenAt}.${record.sha256}.webp`;
  return `${sessionPrefix(retentionClass, record.installId, record.sessionId)}shots/${name}`;
}

/**
 * One shot, exactly once across instances, in one PostgreSQL transaction, as
 * a batch (commit-batch.ts): the install's lock shared and its tombstone
 * checked; the session claimed for the install; the key's wt_shots row
 * claimed (the primary key decides; a concurrent writer of the key waits for
 * this COMMIT, then answers 'same' or 'conflict'); the image put with
 * If-None-Match: *; COMMIT. Killed before COMMIT, the object is an orphan no
 * row names: never served, and erased with its install's prefix.
 */
export async function putShotOnce(ctx: ShotContext, record: StoredShotRecord, image: Buffer): Promise<ShotPut> {
  const objectKey = shotObjectKey(ctx.retentionClass, record);
  const claimed = await inTransaction(ctx.pool, async (client) => {
    await client.query(installLockSql('shared'), [record.installId]);
    if (await tombstoneRow(client, record.installId)) throw new InstallErasedError(record.installId);
    await client.query('INSERT INTO wt_session_owners (session_id, install_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      record.sessionId,
      record.installId,
    ]);
    const owner = await client.query<{ install_id: string }>('SELECT install_id FROM wt_session_owners WHERE session_id = $1', [
      record.sessionId,
    ]);
    if (owner.rows[0]?.install_id !== record.installId) throw new SessionOwnedError(record.sessionId);
    const claim = await client.query(
      `INSERT INTO wt_shots (session_id, page, taken_at, install_id, sha256, object_key, record)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING page`,
      [record.sessionId, record.page, record.takenAt, record.installId, record.sha256, objectKey, record],
    );
    // Put before COMMIT: a row is never visible without its object.
    if (claim.rowCount === 1) await ctx.bucket.putOnce(objectKey, image, 'image/webp');
    return claim.rowCount === 1;
  });
  if (claimed) return { outcome: 'created', stored: record };
  // Another writer (request or instance) committed the key first: its record is the answer.
  const stored = await shotRow(ctx.pool, record);
  if (!stored) throw new Error(`shot ${record.sessionId}/${record.page}/${record.takenAt}: its row vanished while it was stored`);
  return existingShot(stored.record, record.sha256);
}

export async function shotRows(pool: pg.Pool, sessionId: string): Promise<StoredShotRecord[]> {
  const { rows } = await pool.query<{ record: unknown }>('SELECT record FROM wt_shots WHERE session_id = $1 ORDER BY taken_at, page', [
    sessionId,
  ]);
  return rows.map((r) => recordFromRow(r.record));
}

export async function readShotObject(ctx: ShotContext, key: ShotKey): Promise<Buffer | null> {
  const row = await shotRow(ctx.pool, key);
  if (!row) return null;
  const image = await ctx.bucket.get(row.objectKey);
  if (!image) throw new StoreCorruptError(`the image of shot ${key.sessionId}/${key.page}/${key.takenAt} (${row.objectKey}) is missing`);
  return image;
}

async function shotRow(pool: pg.Pool, key: ShotKey): Promise<{ record: StoredShotRecord; objectKey: string } | null> {
  const { rows } = await pool.query<{ record: unknown; object_key: string }>(
    'SELECT record, object_key FROM wt_shots WHERE session_id = $1 AND page = $2 AND taken_at = $3',
    [key.sessionId, key.page, key.takenAt],
  );
  return rows[0] ? { record: recordFromRow(rows[0].record), objectKey: rows[0].object_key } : null;
}

function recordFromRow(value: unknown): StoredShotRecord {
  const parsed = storedShotRecordSchema.safeParse(value);
  if (!parsed.success) throw new StoreCorruptError(`a shot record in wt_shots does not parse: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}
