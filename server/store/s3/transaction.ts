import type pg from 'pg';

/**
 * Runs `fn` in one PostgreSQL transaction on a connection of its own:
 * COMMIT when it resolves, ROLLBACK when it throws. A connection that failed
 * mid-transaction is discarded, never given to the next caller.
 */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let failed = false;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    failed = true;
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release(failed || undefined);
  }
}
