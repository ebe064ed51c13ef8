import type pg from 'pg';
import type { DeleteResult } from '../store';
import type { Bucket } from './bucket';

/**
 * Erases the sessions whose owner row matches `condition` (a session, or an
 * install's): the index rows go first, in one transaction, so from then on
 * nothing serves them; their objects are deleted after.
 */
export async function eraseSessions(
  pool: pg.Pool,
  bucket: Bucket,
  condition: 'session_id = $1' | 'install_id = $1',
  args: unknown[],
): Promise<DeleteResult> {
  const client = await pool.connect();
  let keys: string[];
  let shots: string[];
  let sessions: number;
  try {
    await client.query('BEGIN');
    // Owners, not summaries: a session known only from a drop report is erased too.
    const ids = (
      await client.query<{ session_id: string }>(
        `SELECT session_id FROM wt_session_owners WHERE ${condition} ORDER BY session_id FOR UPDATE`,
        args,
      )
    ).rows.map((r) => r.session_id);
    keys = (
      await client.query<{ object_key: string }>('DELETE FROM wt_chunks WHERE session_id = ANY($1::uuid[]) RETURNING object_key', [ids])
    ).rows.map((r) => r.object_key);
    await client.query('DELETE FROM wt_drops WHERE session_id = ANY($1::uuid[])', [ids]);
    await client.query('DELETE FROM wt_shot_drops WHERE session_id = ANY($1::uuid[])', [ids]);
    const shotRows = (
      await client.query<{ object_key: string; session_id: string }>(
        'DELETE FROM wt_shots WHERE session_id = ANY($1::uuid[]) RETURNING object_key, session_id',
        [ids],
      )
    ).rows;
    shots = shotRows.map((r) => r.object_key);
    const summarised = await client.query<{ id: string }>(
      'DELETE FROM wt_sessions WHERE id = ANY($1::uuid[]) AND meta IS NOT NULL RETURNING id',
      [ids],
    );
    // A session known only from its shots counts as a session too.
    sessions = new Set([...summarised.rows.map((r) => r.id), ...shotRows.map((r) => r.session_id)]).size;
    await client.query('DELETE FROM wt_sessions WHERE id = ANY($1::uuid[])', [ids]);
    await client.query('DELETE FROM wt_session_owners WHERE session_id = ANY($1::uuid[])', [ids]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
  // Killed here, the objects are orphans (no row): the sweeper removes them.
  await bucket.deleteKeys([...keys, ...shots]);
  return { sessions, chunks: keys.length };
}
