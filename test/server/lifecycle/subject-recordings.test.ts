import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../lib/schema/audit-entry';
import { enrolResponseSchema } from '../../../lib/schema/enrolment';
import { uploadedRecordingsSchema } from '../../../lib/schema/my-recordings';
import { makeBatch, makeChunk, newSessionId } from '../fixtures';
import { INGEST_TOKEN, makeTempDir, postBatch, READ_TOKEN, removeDir } from '../harness';
import { makeShotMeta, makeWebp, postShot } from '../shot-fixtures';
import { ADMIN_TOKEN, eraseWithSecret, makeLifecycleApp, makeReceipt, newErasureSecret, sha256 } from './lifecycle-harness';

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

const CREDENTIAL_HEADER = 'webtrace-install-credential';
interface Install {
  install: string;
  credential: string;
  secret: string;
}

/** The list as the extension asks for it: the ingest token as bearer, and `credential` (none: null) in its header. */
const list = (installId: string, credential: string | null, token: string = INGEST_TOKEN): Promise<LightMyRequestResponse> =>
  app.inject({
    method: 'GET',
    url: `/v1/subjects/${installId}/recordings`,
    headers: { authorization: `Bearer ${token}`, ...(credential === null ? {} : { [CREDENTIAL_HEADER]: credential }) },
  });

/** An install that enrolled (its credential) and registered an erasure secret with its grant. */
async function registered(): Promise<Install> {
  const install = randomUUID();
  const secret = newErasureSecret();
  const enrolled = await app.inject({
    method: 'POST',
    url: '/v1/installs/enrol',
    headers: { authorization: `Bearer ${INGEST_TOKEN}` },
    payload: { installId: install, extensionVersion: '0.1.0' },
  });
  expect(enrolled.statusCode, enrolled.body).toBe(200);
  const { credential } = enrolResponseSchema.parse(enrolled.json());
  const receipt = await app.inject({
    method: 'POST',
    url: '/v1/consent-receipts',
    headers: { authorization: `Bearer ${INGEST_TOKEN}`, [CREDENTIAL_HEADER]: credential },
    payload: makeReceipt(install, { erasureSecretSha256: sha256(secret) }),
  });
  expect(receipt.statusCode, receipt.body).toBe(200);
  return { install, credential, secret };
}

/** One session of two chunks on `site`, starting at `t0`, uploaded with the install's credential. */
async function upload(who: Install, t0: number, site = 'http://localhost:5173'): Promise<string> {
  const sessionId = newSessionId();
  const chunks = [makeChunk({ sessionId, seq: 0, t0 }), makeChunk({ sessionId, seq: 1, t0: t0 + 60_000 })].map((c) => ({ ...c, site }));
  const res = await postBatch(app, makeBatch(chunks, { installId: who.install }), { headers: { [CREDENTIAL_HEADER]: who.credential } });
  expect(res.statusCode, res.body).toBe(200);
  return sessionId;
}

describe('GET /v1/subjects/:installId/recordings', () => {
  it('groups the install’s sessions per site and UTC day, with shots, totals, and an audit entry', async () => {
    const me = await registered();
    const { install, credential } = me;
    const other = await registered();
    const a = await upload(me, DAY1);
    await upload(me, DAY1 + 3_600_000);
    await upload(me, DAY1, 'https://crm.example.com');
    await upload(me, DAY2);
    await upload(other, DAY1);
    const image = makeWebp(640, 400);
    const shot = makeShotMeta(image, { sessionId: a, installId: install, takenAt: DAY1 + 1000, requestedAt: DAY1 + 1000 });
    expect((await postShot(app, shot, image, { headers: { [CREDENTIAL_HEADER]: credential } })).statusCode).toBe(200);

    const res = await list(install, credential);
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
      actor: { role: 'install', tokenHash: sha256(credential).slice(0, 8) },
      ids: [install],
      counts: { sessions: 4 },
    });
  });

  it('answers an empty list for a registered install with no uploads', async () => {
    const { install, credential } = await registered();
    const body = uploadedRecordingsSchema.parse((await list(install, credential)).json());
    expect(body).toEqual({ installId: install, groups: [], totals: { recordings: 0, bytes: 0, screenshots: 0 } });
  });

  it('refuses another install’s credential (403), a missing or unknown one and a wrong token (401), a bad id (400), logging no read', async () => {
    const me = await registered();
    const other = await registered();
    await upload(me, DAY1);
    const mismatch = await list(me.install, other.credential);
    expect(mismatch.statusCode).toBe(403);
    expect(mismatch.json()).toMatchObject({ error: 'install_credential_mismatch' });
    expect(mismatch.json().message).toContain(other.install);
    const refusals: [string, LightMyRequestResponse, string][] = [
      ['no credential', await list(me.install, null), 'install_credential_required'],
      // The erasure secret authenticates only the erasure now; as the bearer it is no ingest token.
      ['the erasure secret alone', await list(me.install, null, me.secret), 'unauthorized'],
      ['a credential not issued', await list(me.install, `${me.credential.slice(0, -3)}AAA`), 'install_credential_unknown'],
      ['not a credential', await list(me.install, 'hello'), 'install_credential_unknown'],
      ['an unknown token', await list(me.install, me.credential, 'not-a-token-at-all-0000000'), 'unauthorized'],
      ['a read token', await list(me.install, me.credential, READ_TOKEN), 'unauthorized'],
    ];
    for (const [name, res, error] of refusals) {
      expect(res.statusCode, name).toBe(401);
      expect(res.json(), name).toMatchObject({ error });
    }
    // An install that never enrolled.
    const stranger = await list(randomUUID(), null);
    expect(stranger.statusCode).toBe(401);
    const bad = await list('not-a-uuid', me.credential);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'invalid_install_id' });
    expect(audit.filter((e) => e.action === 'subject.read')).toEqual([]);
  });

  it('refuses a revoked credential (401 install_credential_revoked); the install’s fresh one lists again', async () => {
    const me = await registered();
    await upload(me, DAY1);
    const revoked = await app.inject({
      method: 'DELETE',
      url: `/v1/admin/installs/${me.install}/credential`,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    const res = await list(me.install, me.credential);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: 'install_credential_revoked' });
    const again = await app.inject({
      method: 'POST',
      url: '/v1/installs/enrol',
      headers: { authorization: `Bearer ${INGEST_TOKEN}` },
      payload: { installId: me.install, extensionVersion: '0.1.0' },
    });
    const fresh = enrolResponseSchema.parse(again.json()).credential;
    const listed = await list(me.install, fresh);
    expect(listed.statusCode, listed.body).toBe(200);
    expect(uploadedRecordingsSchema.parse(listed.json()).totals.recordings).toBe(1);
  });

  it('answers 503, and no list, when the read cannot be written to the audit log', async () => {
    const me = await registered();
    await upload(me, DAY1);
    await app.close();
    app = makeLifecycleApp(dir, {
      now: () => NOW,
      audit: async (e) => {
        if (e.action === 'subject.read') throw new Error('disk full');
      },
    });
    const res = await list(me.install, me.credential);
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ error: 'audit_unavailable' });
  });

  it('answers 410 once the install was erased', async () => {
    const me = await registered();
    await upload(me, DAY1);
    // Erasure still takes the erasure secret; the credential is deleted with the install.
    expect((await list(me.install, null, me.secret)).statusCode).toBe(401);
    expect((await eraseWithSecret(app, me.install, me.secret)).statusCode).toBe(200);
    const res = await list(me.install, me.credential);
    expect(res.statusCode).toBe(410);
    expect(res.json()).toMatchObject({ error: 'install_erased' });
  });
});
