import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../../lib/schema/batch';
import { erasureConfirmationSchema } from '../../../lib/schema/erasure';
import type { AuditEvent } from '../../../lib/schema/audit-entry';
import { makeBatch, makeChunk, newSessionId } from '../fixtures';
import { getJson, listFiles, makeTempDir, postBatch, removeDir } from '../harness';
import { eraseAsAdmin, eraseWithSecret, makeLifecycleApp, makeReceipt, newErasureSecret, postReceipt, sha256 } from './lifecycle-harness';

let dir: string;
let app: FastifyInstance;
let audit: AuditEvent[];
const NOW = 1_800_000_000_000;
const open = () => makeLifecycleApp(dir, { now: () => NOW, audit: async (e) => void audit.push(e) });
beforeEach(async () => {
  dir = await makeTempDir();
  audit = [];
  app = open();
});
afterEach(async () => {
  await app.close();
  await removeDir(dir);
});

/** Uploads `sessions` sessions of two chunks for an install, plus a drop report of a session it never sent. */
async function upload(installId: string, sessions = 2): Promise<string[]> {
  const ids = Array.from({ length: sessions }, newSessionId);
  const chunks = ids.flatMap((sessionId) => [makeChunk({ sessionId, seq: 0 }), makeChunk({ sessionId, seq: 1, t0: 1_700_000_001_000 })]);
  const dropped = [{ sessionId: newSessionId(), page: 0, fromSeq: 0, toSeq: 3, reason: 'quota' as const, at: 1_700_000_000_000 }];
  const res = await postBatch(app, makeBatch(chunks, { installId, dropped }));
  expect(res.statusCode, res.body).toBe(200);
  return ids;
}

/**
 * Every file under the data dir that mentions the install or one of its sessions, but its tombstone
 * and its consent receipts (kept as proof of what was agreed; issue 16).
 */
async function filesOf(installId: string, sessionIds: readonly string[]): Promise<string[]> {
  const hits: string[] = [];
  for (const file of await listFiles(dir)) {
    if (file.startsWith('consent/') || file.startsWith('tombstones/')) continue;
    const text = file.endsWith('.gz') ? '' : await readFile(join(dir, file), 'utf8');
    if ([installId, ...sessionIds].some((id) => file.includes(id) || text.includes(id))) hits.push(file);
  }
  return hits;
}

describe('erasure', () => {
  it('DELETE /v1/subjects/:installId removes every session, chunk and drop report of the install, and only of it', async () => {
    const install = randomUUID();
    const other = randomUUID();
    const mine = await upload(install);
    const theirs = await upload(other);
    expect((await filesOf(install, mine)).length).toBeGreaterThan(0);

    const res = await eraseAsAdmin(app, install);
    expect(res.statusCode, res.body).toBe(200);
    expect(erasureConfirmationSchema.parse(res.json())).toEqual({
      installId: install,
      sessionsDeleted: 2,
      chunksDeleted: 4,
      consentReceiptsKept: 0,
      tombstoneAt: NOW,
      firstErasure: true,
    });
    // No file names it any more: not its sessions, the write-ahead log, nor its batches' receipts (batches/<batchId>.json).
    expect(await filesOf(install, mine)).toEqual([]);
    expect((await filesOf(other, theirs)).some((f) => f.startsWith('batches/'))).toBe(true);
    expect(JSON.parse(await readFile(join(dir, 'tombstones', `${install}.json`), 'utf8'))).toEqual({
      installId: install,
      erasedAt: NOW,
      by: 'admin',
    });
    // The other install is untouched.
    for (const id of theirs) expect((await getJson(app, `/v1/sessions/${id}`)).statusCode).toBe(200);
    expect(audit).toEqual([
      {
        action: 'subject.erase',
        actor: { role: 'admin', tokenHash: expect.stringMatching(/^[0-9a-f]{8}$/) },
        ids: [install],
        counts: { sessions: 2, chunks: 4, exports: 0 },
      },
    ]);

    // A second erasure confirms the first one's tombstone.
    const again = erasureConfirmationSchema.parse((await eraseAsAdmin(app, install)).json());
    expect(again).toMatchObject({ sessionsDeleted: 0, tombstoneAt: NOW, firstErasure: false });
  });

  it('after erasure, batches and receipts of the install get 410, also after a restart', async () => {
    const install = randomUUID();
    await upload(install);
    expect((await eraseAsAdmin(app, install)).statusCode).toBe(200);
    for (let round = 0; round < 2; round++) {
      const late = await postBatch(app, makeBatch([makeChunk({ sessionId: newSessionId() })], { installId: install }));
      expect(late.statusCode).toBe(410);
      expect(errorBodySchema.parse(late.json())).toMatchObject({ error: 'install_erased' });
      expect(late.json().message).toMatch(/was erased on .*delete this data locally/);
      expect((await postReceipt(app, makeReceipt(install))).statusCode).toBe(410);
      await app.close();
      app = open();
    }
    expect(await filesOf(install, [])).toEqual([]);
  });

  it('POST /v1/subjects/:installId/erase takes only the secret registered with the first receipt', async () => {
    const install = randomUUID();
    const secret = newErasureSecret();
    expect((await postReceipt(app, makeReceipt(install, { erasureSecretSha256: sha256(secret) }))).statusCode).toBe(200);
    // A later receipt cannot swap in another secret.
    const intruder = newErasureSecret();
    expect(
      (await postReceipt(app, makeReceipt(install, { erasureSecretSha256: sha256(intruder), at: 2_000_000_000_000 }))).statusCode,
    ).toBe(200);
    const sessions = await upload(install);

    for (const wrong of [intruder, 'x'.repeat(40), secret.slice(1)]) {
      const res = await eraseWithSecret(app, install, wrong);
      expect(res.statusCode, wrong).toBe(401);
      expect(res.json().message).toMatch(/erasure secret/);
    }
    expect((await app.inject({ method: 'POST', url: `/v1/subjects/${install}/erase` })).statusCode).toBe(401);
    // An install with no registered secret cannot be erased this way.
    expect((await eraseWithSecret(app, randomUUID(), secret)).statusCode).toBe(401);
    expect((await filesOf(install, sessions)).length).toBeGreaterThan(0);

    const res = await eraseWithSecret(app, install, secret);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ sessionsDeleted: 2, chunksDeleted: 4, consentReceiptsKept: 2, firstErasure: true });
    expect(await filesOf(install, sessions)).toEqual([]);
    expect(audit.at(-1)).toMatchObject({ action: 'subject.erase', actor: { role: 'install' }, ids: [install] });
  });

  it('refuses a malformed install id with 400', async () => {
    expect((await eraseAsAdmin(app, 'not-a-uuid')).statusCode).toBe(400);
  });
});
