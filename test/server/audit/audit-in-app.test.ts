import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditPageSchema } from '../../../server/audit/audit-routes';
import { processingRecordSchema } from '../../../server/audit/processing-record';
import { tokenHash } from '../../../server/auth/token-hash';
import { verifyResultSchema } from '../../../server/audit/verify-audit-log';
import { makeBatch, makeChunk, newSessionId } from '../fixtures';
import { getJson, makeTempDir, postBatch, READ_TOKEN, removeDir } from '../harness';
import { ADMIN_TOKEN, eraseAsAdmin, makeLifecycleApp } from '../lifecycle/lifecycle-harness';

/** The server as `npm run server` builds it records into its own audit log, which only an admin reads. */
let dir: string;
let app: FastifyInstance;
beforeEach(async () => {
  dir = await makeTempDir();
  app = makeLifecycleApp(dir, {
    // The fixtures' sessions start at 1.7e12: a day later, within every retention here.
    now: () => 1_700_000_000_000 + 86_400_000,
    retention: { days: 30, sites: { 'https://kept.example': 0, 'https://short.example': 7 } },
  });
});
afterEach(async () => {
  await app.close();
  await removeDir(dir);
});

describe('the audit log in the running server', () => {
  it('records a read with the read token hash and an erasure with the admin hash, in a chain that verifies', async () => {
    const sessionId = newSessionId();
    const installId = randomUUID();
    expect((await postBatch(app, makeBatch([makeChunk({ sessionId })], { installId }))).statusCode).toBe(200);
    expect((await getJson(app, `/v1/sessions/${sessionId}/events`)).statusCode).toBe(200);
    expect((await eraseAsAdmin(app, installId)).statusCode).toBe(200);

    const res = await getJson(app, '/v1/admin/audit', ADMIN_TOKEN);
    expect(res.statusCode, res.body).toBe(200);
    const { entries } = auditPageSchema.parse(res.json());
    expect(entries.map((e) => [e.action, e.actor, e.ids])).toEqual([
      ['session.read', { role: 'read', tokenHash: tokenHash(READ_TOKEN) }, [sessionId]],
      ['subject.erase', { role: 'admin', tokenHash: tokenHash(ADMIN_TOKEN) }, [installId]],
    ]);
    expect(res.body).not.toContain(READ_TOKEN);

    const verify = verifyResultSchema.parse((await getJson(app, '/v1/admin/audit/verify', ADMIN_TOKEN)).json());
    expect(verify).toMatchObject({ ok: true, entries: 2, firstBad: null });
  });

  it('refuses the audit routes to every token but an admin one', async () => {
    for (const url of ['/v1/admin/audit', '/v1/admin/audit/verify', '/v1/admin/processing-record']) {
      expect((await getJson(app, url, READ_TOKEN)).statusCode, url).toBe(401);
      expect((await getJson(app, url, null)).statusCode, url).toBe(401);
    }
  });

  it("builds the processing record from the server's retention and token roles", async () => {
    const res = await getJson(app, '/v1/admin/processing-record', ADMIN_TOKEN);
    expect(res.statusCode, res.body).toBe(200);
    const record = processingRecordSchema.parse(res.json());
    expect(record.erasureTimeLimits).toEqual(
      expect.arrayContaining(['Sessions are deleted 30 days after they start', 'https://short.example: deleted 7 days after they start']),
    );
    // A site kept until erased is not given a number of days.
    expect(JSON.stringify(record)).not.toContain('https://kept.example');
    expect(record.securityMeasures).toContain('Access by token role: ingest, read, export, admin');
  });
});
