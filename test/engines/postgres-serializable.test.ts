import type pg from 'pg';
import { beforeEach, expect, it } from 'vitest';
import { describeWithPostgres } from '../support/engines/engine-gate';
import { useTestDatabase } from '../support/engines/use-test-database';

// Session summaries are read, updated and written back by whichever instance stores a batch. Under
// READ COMMITTED two instances doing that at once lose an update; SERIALIZABLE makes one of them
// fail with 40001, and a retry makes the sum exact.
describeWithPostgres('PostgreSQL: SERIALIZABLE read-modify-write of a session summary', (pgSettings) => {
  const { connect } = useTestDatabase(pgSettings, 'serializable', 'CREATE TABLE sessions (id text PRIMARY KEY, bytes bigint NOT NULL)');
  beforeEach(async () => {
    await (await connect()).query("INSERT INTO sessions VALUES ('s1', 0) ON CONFLICT (id) DO UPDATE SET bytes = 0");
  });

  const readBytes = async (c: pg.Client) => Number((await c.query("SELECT bytes FROM sessions WHERE id = 's1'")).rows[0].bytes);

  /** A and B both read, then both write what they read plus their batch's bytes. */
  async function interleaved(isolation: 'READ COMMITTED' | 'SERIALIZABLE') {
    const [a, b] = [await connect(), await connect()];
    await a.query(`BEGIN ISOLATION LEVEL ${isolation}`);
    await b.query(`BEGIN ISOLATION LEVEL ${isolation}`);
    const [seenA, seenB] = [await readBytes(a), await readBytes(b)];
    await a.query("UPDATE sessions SET bytes = $1 WHERE id = 's1'", [seenA + 100]);
    const writeB = b.query("UPDATE sessions SET bytes = $1 WHERE id = 's1'", [seenB + 50]).then(() => b.query('COMMIT'));
    await a.query('COMMIT');
    const outcome = await writeB.then(
      () => 'committed',
      async (e: { code?: string }) => {
        await b.query('ROLLBACK');
        return e.code;
      },
    );
    return { outcome, bytes: await readBytes(a) };
  }

  it('control: under READ COMMITTED the second writer commits and an update is lost', async () => {
    expect(await interleaved('READ COMMITTED')).toEqual({ outcome: 'committed', bytes: 50 });
  });

  it('under SERIALIZABLE the second writer fails with serialization_failure (40001) and nothing is lost', async () => {
    expect(await interleaved('SERIALIZABLE')).toEqual({ outcome: '40001', bytes: 100 });
  });

  it('10 concurrent SERIALIZABLE read-modify-writes, retried on 40001, sum exactly', async () => {
    const writers = await Promise.all(Array.from({ length: 10 }, connect));
    let retries = 0;
    await Promise.all(
      writers.map(async (c, i) => {
        for (;;) {
          try {
            await c.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
            const seen = await readBytes(c);
            await c.query("UPDATE sessions SET bytes = $1 WHERE id = 's1'", [seen + i + 1]);
            await c.query('COMMIT');
            return;
          } catch (e) {
            await c.query('ROLLBACK');
            if ((e as { code?: string }).code !== '40001') throw e;
            retries++;
          }
        }
      }),
    );
    expect(await readBytes(writers[0]!)).toBe(55);
    console.log(`SERIALIZABLE: 10 concurrent read-modify-writes summed exactly after ${retries} retries on 40001`);
  });
});
