import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { batchReceiptSchema } from '../../lib/schema/batch';
import { sessionActionsSchema, sessionEventsSchema, sessionListSchema } from '../../lib/schema/read-api';
import { makeBatch, makeChunk, newSessionId, SITE } from './fixtures';
import { getJson, listFiles, postBatch, useTempApp } from './harness';

const env = useTempApp();

describe('POST /v1/batches then the read API', () => {
  it('stores a gzip batch and serves its events, actions and summary in order', async () => {
    const id = newSessionId();
    // Sent out of order, across two pages: the server must order by (page, seq).
    const c10 = makeChunk({ sessionId: id, page: 1, seq: 0, t0: 3000, actions: ['navigate', 'click'], url: `${SITE}/two` });
    const c01 = makeChunk({ sessionId: id, page: 0, seq: 1, t0: 2000, actions: ['type', 'click'] });
    const c00 = makeChunk({ sessionId: id, page: 0, seq: 0, t0: 1000, actions: ['click'], url: `${SITE}/one` });
    const batch = makeBatch([c10, c01, c00]);

    const res = await postBatch(env.app, batch, { headers: { 'idempotency-key': batch.batchId } });
    expect(res.statusCode).toBe(200);
    expect(batchReceiptSchema.parse(res.json())).toEqual({ batchId: batch.batchId, stored: 3, duplicates: 0 });

    const events = sessionEventsSchema.parse((await getJson(env.app, `/v1/sessions/${id}/events`)).json());
    expect(events).toEqual([...c00.events, ...c01.events, ...c10.events]);

    const actions = sessionActionsSchema.parse((await getJson(env.app, `/v1/sessions/${id}/actions`)).json()).actions;
    expect(actions.map((a) => a.type)).toEqual(['click', 'type', 'click', 'navigate', 'click']);
    expect(actions[1]?.value).toEqual({ kind: 'masked', length: 5 });

    const { sessions } = sessionListSchema.parse((await getJson(env.app, '/v1/sessions')).json());
    expect(sessions).toHaveLength(1);
    // Acknowledged through the write-ahead log (server/store/write-ahead-log.ts), chunk files written;
    // the receipt and meta.json follow when the log segment retires (here: on close).
    // The reads above are in the audit log (server/audit/); the store's own files are these.
    const all = await listFiles(env.dir);
    expect(all.filter((f) => f.startsWith('audit/'))).toEqual(['audit/audit.jsonl', 'audit/head.json']);
    const files = all.filter((f) => !f.startsWith('audit/'));
    expect(files).toEqual([
      `sessions/${id}/chunks/000000-00000000.json.gz`,
      `sessions/${id}/chunks/000000-00000001.json.gz`,
      `sessions/${id}/chunks/000001-00000000.json.gz`,
      'wal/0000000000000000.wal',
    ]);
    // Chunks are gzip'ed at rest; a session's bytes are those of its chunks' JSON.
    const chunkJson = await Promise.all(
      files.filter((f) => f.includes('/chunks/')).map(async (f) => gunzipSync(await readFile(join(env.dir, f)))),
    );
    for (const json of chunkJson) expect(json.length).toBeGreaterThan(0);
    expect(sessions[0]).toEqual({
      id,
      site: SITE,
      url: `${SITE}/one`,
      startedAt: 1000,
      endedAt: Math.max(...c10.events.map((e) => e.timestamp)),
      actionCounts: { click: 3, type: 1, navigate: 1 },
      bytes: chunkJson.reduce((sum, b) => sum + b.length, 0),
      titles: [],
      pages: 2,
      activity: expect.any(Array),
      tabRunId: null,
    });
    // The first click at the start, the last page's two actions at the end (test/server/session-summary.test.ts has the rest).
    expect(sessions[0]!.activity).toHaveLength(24);
    expect([sessions[0]!.activity[0], sessions[0]!.activity[23], sessions[0]!.activity.reduce((a, b) => a + b, 0)]).toEqual([1, 2, 5]);
    await env.app.close();
    expect((await listFiles(env.dir)).filter((f) => !f.startsWith('audit/'))).toEqual([
      `batches/${batch.batchId}.json`,
      `sessions/${id}/chunks/000000-00000000.json.gz`,
      `sessions/${id}/chunks/000000-00000001.json.gz`,
      `sessions/${id}/chunks/000001-00000000.json.gz`,
      `sessions/${id}/meta.json`,
    ]);
  });

  it('accepts an uncompressed (identity) body', async () => {
    const res = await postBatch(env.app, makeBatch([makeChunk({ sessionId: newSessionId() })]), { identity: true });
    expect(res.statusCode).toBe(200);
    expect(res.json().stored).toBe(1);
  });

  it('keeps sessions apart and lists them newest first, filtered by site and paged', async () => {
    const [a, b, c] = [newSessionId(), newSessionId(), newSessionId()];
    const other = { ...makeChunk({ sessionId: c, t0: 500 }), site: 'https://other.example' };
    const batch = makeBatch([makeChunk({ sessionId: a, t0: 100 }), makeChunk({ sessionId: b, t0: 900 }), other]);
    expect((await postBatch(env.app, batch)).statusCode).toBe(200);

    const ids = async (query: string) =>
      sessionListSchema.parse((await getJson(env.app, `/v1/sessions${query}`)).json()).sessions.map((s) => s.id);
    expect(await ids('')).toEqual([b, c, a]);
    expect(await ids(`?site=${encodeURIComponent(SITE)}`)).toEqual([b, a]);
    expect(await ids('?limit=1&offset=1')).toEqual([c]);
    expect(await ids('?offset=5')).toEqual([]);
  });

  it('rejects bad list queries and session ids with 400, unknown sessions with 404', async () => {
    for (const query of ['?limit=0', '?limit=abc', '?limit=1001', '?offset=-1', '?limit=1&limit=2', '?site=']) {
      const res = await getJson(env.app, `/v1/sessions${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error).toBe('invalid_query');
    }
    const bad = await getJson(env.app, '/v1/sessions/not-a-uuid/events');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'invalid_session_id', message: expect.stringMatching(/^id: /) });
    for (const kind of ['events', 'actions']) {
      const res = await getJson(env.app, `/v1/sessions/${newSessionId()}/${kind}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toBe('session_not_found');
    }
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await getJson(env.app, '/v1/nope');
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toBe('not_found');
  });
});
