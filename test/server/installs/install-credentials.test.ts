import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../lib/schema/audit-entry';
import { enrolResponseSchema, rotateResponseSchema, type InstallCredentialMode } from '../../../lib/schema/enrolment';
import { makeBatch, makeChunk, newSessionId } from '../fixtures';
import { INGEST_TOKEN, listFiles, makeTempDir, postBatch, removeDir } from '../harness';
import { ADMIN_TOKEN, makeLifecycleApp, makeReceipt, postReceipt } from '../lifecycle/lifecycle-harness';

const HOUR = 3_600_000;
const T0 = 1_800_000_000_000;

interface Rig {
  app: FastifyInstance;
  dir: string;
  clock: { now: number };
  audit: AuditEvent[];
}
const rigs: Rig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) {
    await r.app.close();
    await removeDir(r.dir);
  }
});

async function rig(mode: InstallCredentialMode = 'required', dir?: string): Promise<Rig> {
  const clock = { now: T0 };
  const audit: AuditEvent[] = [];
  const dataDir = dir ?? (await makeTempDir());
  const app = makeLifecycleApp(dataDir, {
    now: () => clock.now,
    audit: async (e) => void audit.push(e),
    installCredentials: { mode, graceMs: 2 * HOUR, rotateAfterMs: 10 * HOUR, lifetimeMs: 100 * HOUR },
  });
  const r = { app, dir: dataDir, clock, audit };
  if (!dir) rigs.push(r);
  return r;
}

const enrol = (app: FastifyInstance, installId: string, token = INGEST_TOKEN) =>
  app.inject({
    method: 'POST',
    url: '/v1/installs/enrol',
    headers: { authorization: `Bearer ${token}` },
    payload: { installId, extensionVersion: '0.1.0' },
  });
const rotate = (app: FastifyInstance, installId: string, credential: string) =>
  app.inject({
    method: 'POST',
    url: '/v1/installs/rotate',
    headers: { authorization: `Bearer ${INGEST_TOKEN}`, 'webtrace-install-credential': credential },
    payload: { installId },
  });
const revoke = (app: FastifyInstance, installId: string, token = ADMIN_TOKEN) =>
  app.inject({ method: 'DELETE', url: `/v1/admin/installs/${installId}/credential`, headers: { authorization: `Bearer ${token}` } });

/** A batch of one fresh session of this install, sent with this credential (none: the org token alone). */
const upload = (app: FastifyInstance, installId: string, credential?: string) =>
  postBatch(app, makeBatch([makeChunk({ sessionId: newSessionId(), t0: T0 - 60_000 })], { installId, sentAt: T0 - 1000 }), {
    headers: credential ? { 'webtrace-install-credential': credential } : {},
  });

async function enrolled(app: FastifyInstance, installId: string = randomUUID()) {
  const res = await enrol(app, installId);
  expect(res.statusCode, res.body).toBe(200);
  return enrolResponseSchema.parse(res.json());
}

describe('per-install credentials', () => {
  it('enrol issues a 32-byte base64url credential bound to the install, stored only as its sha256', async () => {
    const { app, dir, clock, audit } = await rig();
    const install = randomUUID();
    const issued = await enrolled(app, install);
    expect(issued.installId).toBe(install);
    expect(issued.credential).toMatch(new RegExp(`^wtic1\\.${install}\\.[A-Za-z0-9_-]{43}$`));
    expect(Buffer.from(issued.credential.split('.')[2]!, 'base64url')).toHaveLength(32);
    expect(issued.rotateAfter).toBe(clock.now + 10 * HOUR);
    expect(issued.expiresAt).toBe(clock.now + 100 * HOUR);
    const files = await listFiles(dir);
    expect(files).toContain(`installs/${install}.json`);
    for (const file of files) expect(await readFile(join(dir, file), 'latin1')).not.toContain(issued.credential.split('.')[2]);
    expect(audit.filter((e) => e.action === 'install.enrol')).toEqual([
      { action: 'install.enrol', actor: { role: 'ingest', tokenHash: expect.stringMatching(/^[0-9a-f]{8}$/) }, ids: [install] },
    ]);
  });

  it('required mode: an upload without a credential is 401 install_credential_required; with it, stored', async () => {
    const { app } = await rig('required');
    const { installId, credential } = await enrolled(app);
    const bare = await upload(app, installId);
    expect(bare.statusCode).toBe(401);
    expect(bare.json()).toMatchObject({ error: 'install_credential_required', message: expect.stringContaining('enrol') });
    expect((await upload(app, installId, credential)).statusCode).toBe(200);
  });

  it('refuses a batch, a receipt claiming another install with 403 naming both installs', async () => {
    const { app } = await rig();
    const a = await enrolled(app);
    const b = await enrolled(app);
    const res = await upload(app, b.installId, a.credential);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: 'install_credential_mismatch' });
    expect(res.json().message).toContain(a.installId);
    expect(res.json().message).toContain(b.installId);
    const receipt = await app.inject({
      method: 'POST',
      url: '/v1/consent-receipts',
      headers: { authorization: `Bearer ${INGEST_TOKEN}`, 'webtrace-install-credential': a.credential },
      payload: makeReceipt(b.installId),
    });
    expect(receipt.statusCode).toBe(403);
  });

  it('refuses re-enrolling a live install (409) until an admin revokes it; revoke is audited and refuses the old credential', async () => {
    const { app, audit } = await rig();
    const first = await enrolled(app);
    const again = await enrol(app, first.installId);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: 'install_already_enrolled' });
    expect((await revoke(app, first.installId, INGEST_TOKEN)).statusCode).toBe(401);
    const revoked = await revoke(app, first.installId);
    expect(revoked.statusCode).toBe(200);
    const refused = await upload(app, first.installId, first.credential);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ error: 'install_credential_revoked' });
    const second = await enrolled(app, first.installId);
    expect(second.credential).not.toBe(first.credential);
    expect((await upload(app, first.installId, second.credential)).statusCode).toBe(200);
    expect((await upload(app, first.installId, first.credential)).json()).toMatchObject({ error: 'install_credential_unknown' });
    expect(audit.map((e) => e.action).filter((a) => a.startsWith('install.'))).toEqual([
      'install.enrol',
      'install.revoke',
      'install.enrol',
    ]);
    expect((await revoke(app, randomUUID())).statusCode).toBe(404);
  });

  it('rotation: the old credential works through the grace period, then is refused; the new one works', async () => {
    const { app, clock, audit } = await rig();
    const first = await enrolled(app);
    clock.now += 10 * HOUR;
    const res = await rotate(app, first.installId, first.credential);
    expect(res.statusCode, res.body).toBe(200);
    const next = rotateResponseSchema.parse(res.json());
    expect(next.previousValidUntil).toBe(clock.now + 2 * HOUR);
    expect(next.rotateAfter).toBe(clock.now + 10 * HOUR);
    clock.now += 2 * HOUR - 1;
    expect((await upload(app, first.installId, first.credential)).statusCode).toBe(200);
    clock.now += 1;
    const late = await upload(app, first.installId, first.credential);
    expect(late.statusCode).toBe(401);
    expect(late.json()).toMatchObject({ error: 'install_credential_unknown' });
    expect((await upload(app, first.installId, next.credential)).statusCode).toBe(200);
    expect(audit.find((e) => e.action === 'install.rotate')?.actor).toEqual({ role: 'install', tokenHash: expect.any(String) });
  });

  it('a credential past its lifetime is refused as expired, and the install may then enrol again', async () => {
    const { app, clock } = await rig();
    const first = await enrolled(app);
    clock.now += 100 * HOUR;
    expect((await upload(app, first.installId, first.credential)).json()).toMatchObject({ error: 'install_credential_expired' });
    await enrolled(app, first.installId);
  });

  it('rotate needs the credential of the install it names', async () => {
    const { app } = await rig();
    const a = await enrolled(app);
    const b = await enrolled(app);
    expect((await rotate(app, b.installId, a.credential)).statusCode).toBe(403);
    expect((await rotate(app, a.installId, 'wtic1.nonsense')).json()).toMatchObject({ error: 'install_credential_unknown' });
    const bad = await app.inject({
      method: 'POST',
      url: '/v1/installs/rotate',
      headers: { authorization: `Bearer ${INGEST_TOKEN}` },
      payload: {},
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('installId');
  });

  it('optional mode: the org token alone still uploads for an install never enrolled, but not for an enrolled one', async () => {
    const { app } = await rig('optional');
    expect((await upload(app, randomUUID())).statusCode).toBe(200);
    const a = await enrolled(app);
    expect((await upload(app, a.installId)).json()).toMatchObject({ error: 'install_credential_required' });
    expect((await upload(app, a.installId, a.credential)).statusCode).toBe(200);
  });

  it('enrol: a bad body is a 400 naming the field; the records survive a restart', async () => {
    const r = await rig();
    const bad = await r.app.inject({
      method: 'POST',
      url: '/v1/installs/enrol',
      headers: { authorization: `Bearer ${INGEST_TOKEN}` },
      payload: { installId: 'nope', extensionVersion: '0.1.0' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('installId');
    const a = await enrolled(r.app);
    await r.app.close();
    const again = await rig('required', r.dir);
    try {
      expect((await upload(again.app, a.installId, a.credential)).statusCode).toBe(200);
      expect((await enrol(again.app, a.installId)).statusCode).toBe(409);
    } finally {
      await again.app.close();
    }
  });

  it('a receipt with the credential is stored', async () => {
    const { app } = await rig();
    const a = await enrolled(app);
    expect((await postReceipt(app, makeReceipt(a.installId))).statusCode).toBe(401);
    const ok = await app.inject({
      method: 'POST',
      url: '/v1/consent-receipts',
      headers: { authorization: `Bearer ${INGEST_TOKEN}`, 'webtrace-install-credential': a.credential },
      payload: makeReceipt(a.installId),
    });
    expect(ok.statusCode, ok.body).toBe(200);
  });
});
