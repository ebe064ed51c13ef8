import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sessionEventsSchema, sessionListSchema, sessionSummarySchema } from '../../lib/schema/read-api';
import { ACTIVITY_BUCKETS } from '../../lib/schema/session-outline';
import { makeBatch, makeChunk, newSessionId, snapshotEvent } from '../server/fixtures';
import { getJson, makeApp, makeTempDir, postBatch, removeDir } from '../server/harness';
import { createTestBucket } from '../support/engines/create-test-bucket';
import { createTestDatabase } from '../support/engines/create-test-database';
import { describeWithCeph, describeWithPostgres } from '../support/engines/engine-gate';
import { s3StoreSettings } from '../support/engines/s3-store-settings';

/** Two server apps on one bucket and one database: stateless, any instance stores and any serves. */
describeWithPostgres('two servers in s3 mode (PostgreSQL)', (pgSettings) => {
  describeWithCeph('and Ceph RGW', (s3) => {
    let apps: FastifyInstance[] = [];
    let dirs: string[] = [];
    beforeAll(async () => {
      const store = s3StoreSettings(s3, await createTestBucket(s3, 'servers'), await createTestDatabase(pgSettings, 'servers'));
      dirs = [await makeTempDir(), await makeTempDir()];
      apps = dirs.map((dir) => makeApp(dir, { store }));
      for (const app of apps) await app.ready();
    });
    afterAll(async () => {
      for (const app of apps) await app.close();
      for (const dir of dirs) await removeDir(dir);
    });

    it('a batch stored through one is served by the other; the same batch sent to both at once is stored once', async () => {
      const [one, two] = apps as [FastifyInstance, FastifyInstance];
      const id = newSessionId();
      const first = makeBatch([makeChunk({ sessionId: id, seq: 0 }), makeChunk({ sessionId: id, seq: 1 })]);
      expect((await postBatch(one, first)).json()).toEqual({ batchId: first.batchId, stored: 2, duplicates: 0 });
      const events = sessionEventsSchema.parse((await getJson(two, `/v1/sessions/${id}/events`)).json());
      expect(events).toEqual(first.chunks.flatMap((c) => c.events));

      const second = makeBatch([makeChunk({ sessionId: id, seq: 2 }), makeChunk({ sessionId: id, seq: 3 })]);
      const answers = await Promise.all([postBatch(one, second), postBatch(two, second), postBatch(one, second), postBatch(two, second)]);
      for (const a of answers) expect(a.json()).toEqual({ batchId: second.batchId, stored: 2, duplicates: 0 });
      const listed = sessionListSchema.parse((await getJson(one, '/v1/sessions')).json()).sessions;
      expect(listed.find((s) => s.id === id)).toBeDefined();
      expect((await getJson(two, `/v1/sessions/${id}/completeness`)).json()).toMatchObject({ pages: [{ page: 0, chunks: 4, lastSeq: 3 }] });
      // Another install may not append to the session, whichever instance it asks.
      const squat = makeBatch([makeChunk({ sessionId: id, seq: 4 })], { installId: '9b1d2c3e-4f50-4a6b-8c7d-0e1f2a3b4c5d' });
      expect((await postBatch(two, squat)).statusCode).toBe(403);
    });

    it("keeps the list's titles, pages and activity in the session's row, whichever instance stored each chunk", async () => {
      const [one, two] = apps as [FastifyInstance, FastifyInstance];
      const id = newSessionId();
      const t0 = 1_700_000_000_000;
      const first = makeChunk({ sessionId: id, page: 0, seq: 0, t0, actions: ['click', 'click'] });
      first.events.splice(1, 0, snapshotEvent('Orders - Shop', t0 + 1));
      const second = makeChunk({ sessionId: id, page: 1, seq: 0, t0: t0 + 60_000, actions: ['type'] });
      second.events.splice(1, 0, snapshotEvent('New order - Shop', t0 + 60_001));
      expect((await postBatch(two, makeBatch([second]))).statusCode).toBe(200);
      expect((await postBatch(one, makeBatch([first]))).statusCode).toBe(200);
      const summary = sessionSummarySchema.parse((await getJson(two, `/v1/sessions/${id}`)).json());
      expect(summary).toMatchObject({ pages: 2, actionCounts: { click: 2, type: 1 } });
      expect([...summary.titles].sort()).toEqual(['New order - Shop', 'Orders - Shop']);
      expect(summary.activity).toHaveLength(ACTIVITY_BUCKETS);
      expect([summary.activity[0], summary.activity[ACTIVITY_BUCKETS - 1]]).toEqual([2, 1]);
      const listed = sessionListSchema.parse((await getJson(one, '/v1/sessions')).json()).sessions;
      expect(listed.find((s) => s.id === id)).toEqual(summary);
    });

    it("keeps each session's tab run in its row: a tab's two sites, stored by two instances, are one stitched row", async () => {
      const [one, two] = apps as [FastifyInstance, FastifyInstance];
      const tabRunId = randomUUID();
      const [shop, pay] = [newSessionId(), newSessionId()];
      const t0 = 1_700_100_000_000;
      expect((await postBatch(one, makeBatch([{ ...makeChunk({ sessionId: shop, t0 }), tabRunId }]))).statusCode).toBe(200);
      const payChunk = {
        ...makeChunk({ sessionId: pay, t0: t0 + 60_000, actions: ['click', 'click'] }),
        site: 'https://pay.example',
        tabRunId,
      };
      expect((await postBatch(two, makeBatch([payChunk]))).statusCode).toBe(200);
      expect(sessionSummarySchema.parse((await getJson(one, `/v1/sessions/${pay}`)).json()).tabRunId).toBe(tabRunId);
      const rows = sessionListSchema.parse((await getJson(two, '/v1/sessions?stitch=tab&limit=1000')).json()).sessions;
      const row = rows.find((r) => r.tabRunId === tabRunId)!;
      expect(row).toMatchObject({ id: shop, pages: 2, actionCounts: { click: 3 } });
      expect(row.parts!.map((p) => p.id)).toEqual([shop, pay]);
      expect(rows.filter((r) => r.parts!.some((p) => p.id === pay))).toHaveLength(1);
    });
  });
});
