import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../lib/schema/audit-entry';
import { errorBodySchema } from '../../lib/schema/batch';
import { sessionCompletenessSchema } from '../../lib/schema/read-api';
import { shotImagePath, shotListSchema, type ShotMeta } from '../../lib/schema/screenshot';
import { makeBatch, makeChunk, newSessionId } from './fixtures';
import { getJson, INGEST_TOKEN, makeApp, makeTempDir, postBatch, READ_TOKEN, removeDir } from './harness';
import { makeShotMeta, makeWebp, postShot } from './shot-fixtures';

/** The read API's screenshots (issue 15): list and image, read token only, every read audited before it is served. */
let dir: string;
let app: FastifyInstance;
let audit: AuditEvent[];
let auditFails: boolean;
beforeEach(async () => {
  dir = await makeTempDir();
  audit = [];
  auditFails = false;
  app = makeApp(dir, {
    audit: async (e) => {
      if (auditFails) throw new Error('disk gone');
      audit.push(e);
    },
  });
});
afterEach(async () => {
  await app.close();
  await removeDir(dir);
});

async function upload(sessionId: string, takenAt: number, fill = `shot-${takenAt}`): Promise<{ meta: ShotMeta; image: Buffer }> {
  const image = makeWebp(640, 400, 'VP8L', fill);
  const meta = makeShotMeta(image, { sessionId, takenAt, requestedAt: takenAt });
  expect((await postShot(app, meta, image)).statusCode).toBe(200);
  return { meta, image };
}
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('GET /v1/sessions/:id/shots', () => {
  it("lists a session's shots oldest first, without install or org, and records the read", async () => {
    const id = newSessionId();
    const later = await upload(id, 1_700_000_002_000);
    const first = await upload(id, 1_700_000_001_000);
    const res = await getJson(app, `/v1/sessions/${id}/shots`);
    expect(res.statusCode).toBe(200);
    const list = shotListSchema.parse(res.json());
    expect(list.shots.map((s) => [s.takenAt, s.sha256])).toEqual([
      [first.meta.takenAt, sha(first.image)],
      [later.meta.takenAt, sha(later.image)],
    ]);
    expect(res.body).not.toContain('installId');
    expect(res.body).not.toContain(first.meta.installId);
    expect(audit).toEqual([expect.objectContaining({ action: 'session.read', ids: [id], counts: { shots: 2 } })]);
  });

  it('lists a session with chunks but no shots as empty; an unknown session is 404; an ingest token is refused', async () => {
    const id = newSessionId();
    expect((await postBatch(app, makeBatch([makeChunk({ sessionId: id, seq: 0 })]))).statusCode).toBe(200);
    expect(shotListSchema.parse((await getJson(app, `/v1/sessions/${id}/shots`)).json()).shots).toEqual([]);
    expect(errorBodySchema.parse((await getJson(app, `/v1/sessions/${newSessionId()}/shots`)).json()).error).toBe('session_not_found');
    expect((await getJson(app, `/v1/sessions/${id}/shots`, INGEST_TOKEN)).statusCode).toBe(401);
  });
});

describe('GET /v1/sessions/:id/shots/:page/:takenAt', () => {
  it('answers the stored bytes as image/webp with the sha256 as ETag, private; 304 for the same ETag', async () => {
    const { meta, image } = await upload(newSessionId(), 1_700_000_001_000);
    const res = await getJson(app, shotImagePath(meta));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/webp');
    expect(res.headers.etag).toBe(`"${sha(image)}"`);
    expect(res.headers['cache-control']).toMatch(/^private/);
    expect(res.rawPayload).toEqual(image);
    expect(audit).toEqual([expect.objectContaining({ ids: [meta.sessionId], counts: { shotPage: 0, shotTakenAt: meta.takenAt } })]);
    const again = await app.inject({
      method: 'GET',
      url: shotImagePath(meta),
      headers: { authorization: `Bearer ${READ_TOKEN}`, 'if-none-match': `"${sha(image)}"` },
    });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
  });

  it('is 404 for a key without a shot, 400 for a malformed key, and serves nothing when the read cannot be audited (503)', async () => {
    const { meta } = await upload(newSessionId(), 1_700_000_001_000);
    expect(errorBodySchema.parse((await getJson(app, shotImagePath({ ...meta, takenAt: 1 }))).json()).error).toBe('shot_not_found');
    expect(errorBodySchema.parse((await getJson(app, `/v1/sessions/${meta.sessionId}/shots/0/12e3`)).json()).error).toBe(
      'invalid_shot_key',
    );
    expect(errorBodySchema.parse((await getJson(app, `/v1/sessions/not-a-uuid/shots/0/1`)).json()).error).toBe('invalid_shot_key');
    auditFails = true;
    const refused = await getJson(app, shotImagePath(meta));
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['content-type']).not.toBe('image/webp');
    expect((await getJson(app, `/v1/sessions/${meta.sessionId}/shots`)).statusCode).toBe(503);
  });
});

describe('completeness counts shots', () => {
  it('reports the number of stored shots beside the chunks', async () => {
    const id = newSessionId();
    expect((await postBatch(app, makeBatch([makeChunk({ sessionId: id, seq: 0 })]))).statusCode).toBe(200);
    await upload(id, 1_700_000_001_000);
    await upload(id, 1_700_000_001_500);
    const report = sessionCompletenessSchema.parse((await getJson(app, `/v1/sessions/${id}/completeness`)).json());
    expect(report.shots).toBe(2);
  });

  it('answers for a session known only by its shots: incomplete, its first page missing', async () => {
    const id = newSessionId();
    await upload(id, 1_700_000_002_000);
    const res = await getJson(app, `/v1/sessions/${id}/completeness`);
    expect(res.statusCode).toBe(200);
    const report = sessionCompletenessSchema.parse(res.json());
    expect(report).toMatchObject({ complete: false, shots: 1, gaps: [{ page: 0, fromSeq: 0, toSeq: null, reason: null }] });
    expect((await getJson(app, `/v1/sessions/${newSessionId()}/completeness`)).statusCode).toBe(404);
  });
});
