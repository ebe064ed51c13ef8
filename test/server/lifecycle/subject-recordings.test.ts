import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../lib/schema/audit-entry';
import { uploadedRecordingsSchema } from '../../../lib/schema/my-recordings';
import { makeBatch, makeChunk, newSessionId } from '../fixtures';
import { makeTempDir, postBatch, removeDir } from '../harness';
import { makeShotMeta, makeWebp, postShot } from '../shot-fixtures';
import { eraseWithSecret, makeLifecycleApp, makeReceipt, newErasureSecret, postReceipt, sha256 } from './lifecycle-harness';

let dir: string;
let app: FastifyInstance;
let audit: AuditEvent[];
const NOW = 1_800_000_000_000;
const DAY1 = Date.UTC(2023, 10, 14, 9, 14); // 2023-11-14 09:14 UTC
const DAY2 = Date.UTC(2023, 10, 15, 11, 2);
beforeEach(async () => {
  dir = await makeTempDir();
  audit = [];
  app = makeLifecycleApp(dir, { now: () => NOW, audit: async (e) => void audit.push(e) });
});
afterEach(async () => {
  await app.close();
  await removeDir(dir);
});

const list = (installId: string, secret: string | null): Promise<LightMyRequestResponse> =>
  app.inject({
    method: 'GET',
    url: `/v1/subjects/${installId}/recordings`,
    headers: secret === null ? {} : { authorization: `Bearer ${secret}` },
  });

async function registered(): Promise<{ install: string; secret: string }> {
  const install = randomUUID();
  const secret = newErasureSecret();
  expect((await postReceipt(app, makeReceipt(install, { erasureSecretSha256: sha256(secret) }))).statusCode).toBe(200);
  return { install, secret };
}

/** One session of two chunks on `site`, starting at `t0`. */
async function upload(installId: string, t0: number, site = 'http://localhost:5173'): Promise<string> {
  const sessionId = newSessionId();
  const chunks = [makeChunk({ sessionId, seq: 0, t0 }), makeChunk({ sessionId, seq: 1, t0: t0 + 60_000 })].map((c) => ({ ...c, site }));
  const res = await postBatch(app, makeBatch(chunks, { installId }));
  expect(res.statusCode, res.body).toBe(200);
  return sessionId;
}

describe('GET /v1/subjects/:installId/recordings', () => {
  it('groups the install’s sessions per site and UTC day, with shots, totals, and an audit entry', async () => {
    const { install, secret } = await registered();
    const other = await registered();
    const a = await upload(install, DAY1);
    await upload(install, DAY1 + 3_600_000);
    await upload(install, DAY1, 'https://crm.example.com');
    await upload(install, DAY2);
    await upload(other.install, DAY1);
    const image = makeWebp(640, 400);
    const shot = makeShotMeta(image, { sessionId: a, installId: install, takenAt: DAY1 + 1000, requestedAt: DAY1 + 1000 });
    expect((await postShot(app, shot, image)).statusCode).toBe(200);

    const res = await list(install, secret);
    expect(res.statusCode, res.body).toBe(200);
    const body = uploadedRecordingsSchema.parse(res.json());
    expect(body.installId).toBe(install);
    expect(body.groups.map((g) => [g.day, g.site, g.recordings, g.screenshots])).toEqual([
      ['2023-11-15', 'http://localhost:5173', 1, 0],
      ['2023-11-14', 'http://localhost:5173', 2, 1],
      ['2023-11-14', 'https://crm.example.com', 1, 0],
    ]);
    const local = body.groups[1]!;
    expect(local.firstAt).toBe(DAY1);
    expect(local.lastAt).toBeGreaterThanOrEqual(DAY1 + 3_600_000 + 60_000);
    expect(local.bytes).toBeGreaterThan(image.length);
    expect(body.totals).toEqual({ recordings: 4, bytes: body.groups.reduce((n, g) => n + g.bytes, 0), screenshots: 1 });
    expect(audit.at(-1)).toEqual({
      action: 'subject.read',
      actor: { role: 'install', tokenHash: sha256(secret).slice(0, 8) },
      ids: [install],
      counts: { sessions: 4 },
    });
  });

  it('answers an empty list for a registered install with no uploads', async () => {
    const { install, secret } = await registered();
    const body = uploadedRecordingsSchema.parse((await list(install, secret)).json());
    expect(body).toEqual({ installId: install, groups: [], totals: { recordings: 0, bytes: 0, screenshots: 0 } });
  });

  it('refuses a wrong or missing secret (401), another install’s secret, and a bad id (400), logging no read', async () => {
    const { install, secret } = await registered();
    const other = await registered();
    await upload(install, DAY1);
    for (const wrong of [other.secret, secret.slice(1), null]) {
      const res = await list(install, wrong);
      expect(res.statusCode, String(wrong)).toBe(401);
      expect(res.json().message).toMatch(/erasure secret/);
    }
    // An install that never registered a secret.
    expect((await list(randomUUID(), secret)).statusCode).toBe(401);
    const bad = await list('not-a-uuid', secret);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'invalid_install_id' });
    expect(audit.filter((e) => e.action === 'subject.read')).toEqual([]);
  });

  it('answers 503, and no list, when the read cannot be written to the audit log', async () => {
    const { install, secret } = await registered();
    await upload(install, DAY1);
    await app.close();
    app = makeLifecycleApp(dir, {
      now: () => NOW,
      audit: async (e) => {
        if (e.action === 'subject.read') throw new Error('disk full');
      },
    });
    const res = await list(install, secret);
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ error: 'audit_unavailable' });
  });

  it('answers 410 once the install was erased', async () => {
    const { install, secret } = await registered();
    await upload(install, DAY1);
    expect((await eraseWithSecret(app, install, secret)).statusCode).toBe(200);
    const res = await list(install, secret);
    expect(res.statusCode).toBe(410);
    expect(res.json()).toMatchObject({ error: 'install_erased' });
  });
});
