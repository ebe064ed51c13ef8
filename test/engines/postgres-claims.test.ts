import { expect, it } from 'vitest';
import { describeWithPostgres } from '../support/engines/engine-gate';
import { useTestDatabase } from '../support/engines/use-test-database';

// The facts the s3 store's index rests on, on the real PostgreSQL: a unique constraint decides
// which instance stored a chunk, ON CONFLICT DO NOTHING lets the losers go on without an error,
// and a transaction that dies before COMMIT leaves nothing (no half-indexed batch).
describeWithPostgres('PostgreSQL: one winner per chunk key', (pgSettings) => {
  const { connect } = useTestDatabase(
    pgSettings,
    'claims',
    `CREATE TABLE chunks (session_id text NOT NULL, page int NOT NULL, seq int NOT NULL, batch_id text NOT NULL,
                          PRIMARY KEY (session_id, page, seq));
     CREATE TABLE batch_receipts (batch_id text PRIMARY KEY, stored int NOT NULL);`,
  );
  const connectMany = (n: number) => Promise.all(Array.from({ length: n }, connect));
  const pgCode = (e: unknown) => (e as { code?: string }).code;

  it('20 concurrent inserts of one key: exactly 1 row, the other 19 get unique_violation (23505)', async () => {
    const writers = await connectMany(20);
    const results = await Promise.allSettled(
      writers.map((c, i) => c.query('INSERT INTO chunks VALUES ($1, 0, 1, $2)', ['s-unique', `batch-${i}`])),
    );
    const winners = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
    const codes = results.flatMap((r) => (r.status === 'rejected' ? [pgCode(r.reason)] : []));
    expect(winners).toHaveLength(1);
    expect(codes).toEqual(Array(19).fill('23505'));
    const { rows } = await writers[0]!.query('SELECT batch_id FROM chunks WHERE session_id = $1', ['s-unique']);
    expect(rows).toEqual([{ batch_id: `batch-${winners[0]}` }]);
    console.log(`unique constraint: 20 concurrent inserts, writer ${winners[0]} won, 19 got 23505`);
  });

  it('20 instances storing one batch at once (ON CONFLICT DO NOTHING, key order): every chunk claimed exactly once, no errors', async () => {
    const instances = await connectMany(20);
    const seqs = Array.from({ length: 10 }, (_, i) => i + 1);
    const claimed = await Promise.all(
      instances.map(async (c, i) => {
        await c.query('BEGIN');
        const { rows } = await c.query<{ seq: number }>(
          `INSERT INTO chunks SELECT 's-batch', 0, seq, $1 FROM unnest($2::int[]) AS seq ORDER BY seq
           ON CONFLICT DO NOTHING RETURNING seq`,
          [`batch-${i}`, seqs],
        );
        await c.query('INSERT INTO batch_receipts VALUES ($1, $2) ON CONFLICT DO NOTHING', ['batch-shared', rows.length]);
        await c.query('COMMIT');
        return rows.map((r) => r.seq);
      }),
    );
    const all = claimed.flat().sort((a, b) => a - b);
    expect(all).toEqual(seqs);
    const { rows } = await instances[0]!.query('SELECT count(*)::int AS n FROM batch_receipts WHERE batch_id = $1', ['batch-shared']);
    expect(rows[0].n).toBe(1);
    console.log(
      `ON CONFLICT DO NOTHING: 20 concurrent transactions of one batch, chunks claimed per transaction: ${claimed.map((c) => c.length).join(' ')}`,
    );
  });

  it('an instance killed before COMMIT leaves none of its rows, and the instance waiting on its key then stores it', async () => {
    const [dying, waiting, observer] = await connectMany(3);
    await dying!.query('BEGIN');
    await dying!.query("INSERT INTO chunks VALUES ('s-crash', 0, 1, 'batch-dying')");
    await dying!.query("INSERT INTO batch_receipts VALUES ('batch-dying', 1)");
    const dyingPid = (await dying!.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;

    const waitingPid = (await waiting!.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const second = waiting!.query("INSERT INTO chunks VALUES ('s-crash', 0, 1, 'batch-second') ON CONFLICT DO NOTHING RETURNING batch_id");
    // The second insert waits on the first's uncommitted row (it neither errors nor skips).
    await expect
      .poll(
        async () =>
          (await observer!.query('SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1', [waitingPid])).rows[0]?.wait_event_type,
      )
      .toBe('Lock');

    await observer!.query('SELECT pg_terminate_backend($1)', [dyingPid]);
    expect((await second).rows).toEqual([{ batch_id: 'batch-second' }]);
    const receipts = await observer!.query("SELECT * FROM batch_receipts WHERE batch_id = 'batch-dying'");
    expect(receipts.rows).toEqual([]);
  });

  it('two instances inserting overlapping keys in opposite orders deadlock (40P01): the store must insert in key order', async () => {
    const [a, b] = await connectMany(2);
    await a!.query('BEGIN');
    await b!.query('BEGIN');
    await a!.query("INSERT INTO chunks VALUES ('s-order', 0, 1, 'a')");
    await b!.query("INSERT INTO chunks VALUES ('s-order', 0, 2, 'b')");
    const results = await Promise.allSettled([
      a!.query("INSERT INTO chunks VALUES ('s-order', 0, 2, 'a') ON CONFLICT DO NOTHING"),
      b!.query("INSERT INTO chunks VALUES ('s-order', 0, 1, 'b') ON CONFLICT DO NOTHING"),
    ]);
    expect(results.map((r) => (r.status === 'rejected' ? pgCode(r.reason) : 'ok')).sort()).toEqual(['40P01', 'ok']);
    await Promise.all([a!.query('ROLLBACK'), b!.query('ROLLBACK')]);
  });
});
