import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../../lib/schema/batch';
import { consentReceiptAckSchema, consentReceiptListSchema } from '../../../lib/schema/consent-receipt';
import { makeBatch, makeChunk, newSessionId } from '../fixtures';
import { getJson, makeTempDir, postBatch, removeDir } from '../harness';
import { ADMIN_TOKEN, makeLifecycleApp, makeReceipt, postReceipt, sha256 } from './lifecycle-harness';

let dir: string;
let app: FastifyInstance;
let clock = 1_800_000_000_000;
const open = (requireConsentReceipt = false) => makeLifecycleApp(dir, { now: () => clock, requireConsentReceipt });
beforeEach(async () => {
  dir = await makeTempDir();
  app = open();
});
afterEach(async () => {
  await app.close();
  await removeDir(dir);
});

const list = async (installId: string) =>
  consentReceiptListSchema.parse((await getJson(app, `/v1/admin/consent-receipts?installId=${installId}`, ADMIN_TOKEN)).json());

describe('POST /v1/consent-receipts', () => {
  it('stores a receipt once: a resend gets the first answer, other content under the id is 409', async () => {
    const install = randomUUID();
    const receipt = makeReceipt(install, { erasureSecretSha256: sha256('secret') });
    const first = await postReceipt(app, receipt);
    expect(first.statusCode, first.body).toBe(200);
    expect(consentReceiptAckSchema.parse(first.json())).toEqual({ receiptId: receipt.receiptId, created: true, storedAt: clock });
    clock += 5000;
    const again = await postReceipt(app, { ...receipt });
    expect(again.json()).toEqual({ receiptId: receipt.receiptId, created: false, storedAt: clock - 5000 });
    const changed = await postReceipt(app, { ...receipt, purposes: ['performance-review'] });
    expect(changed.statusCode).toBe(409);
    expect(errorBodySchema.parse(changed.json()).error).toBe('receipt_id_reused');
    // The same id under another install is the same id.
    expect((await postReceipt(app, { ...receipt, installId: randomUUID() })).statusCode).toBe(409);

    const listed = await list(install);
    expect(listed.receipts).toEqual([{ ...receipt, storedAt: clock - 5000 }]);
    expect(listed.active).toBe(true);
    // On disk: one immutable file, what was sent plus when it was stored.
    const files = await readdir(join(dir, 'consent', install));
    expect(files).toEqual([`${receipt.receiptId}.json`]);
    expect(JSON.parse(await readFile(join(dir, 'consent', install, files[0]!), 'utf8'))).toEqual({ ...receipt, storedAt: clock - 5000 });
  });

  it('refuses a malformed receipt with a 400 naming the field, and counts it', async () => {
    const res = await postReceipt(app, { ...makeReceipt(randomUUID()), consentTextSha256: 'abc', kind: 'maybe' });
    expect(res.statusCode).toBe(400);
    const body = errorBodySchema.parse(res.json());
    expect(body.error).toBe('invalid_consent_receipt');
    expect(body.message).toMatch(/kind/);
    expect(body.message).toMatch(/consentTextSha256/);
    expect((await postReceipt(app, { ...makeReceipt(randomUUID()), extra: 1 })).statusCode).toBe(400);
    expect((await getJson(app, '/v1/stats')).json().rejected).toEqual({ invalid_consent_receipt: 2 });
  });

  it('keeps receipts across a restart and lists them oldest first with the active state', async () => {
    const install = randomUUID();
    const grant = makeReceipt(install, { at: 1000 });
    const withdraw = makeReceipt(install, { kind: 'withdraw', at: 2000 });
    expect((await postReceipt(app, withdraw)).statusCode).toBe(200);
    expect((await postReceipt(app, grant)).statusCode).toBe(200);
    await app.close();
    app = open();
    const listed = await list(install);
    expect(listed.receipts.map((r) => r.kind)).toEqual(['grant', 'withdraw']);
    expect(listed.active).toBe(false);
    expect((await getJson(app, '/v1/admin/consent-receipts?installId=nope', ADMIN_TOKEN)).statusCode).toBe(400);
  });
});

describe('WEBTRACE_REQUIRE_CONSENT_RECEIPT', () => {
  const batchOf = (installId: string) => makeBatch([makeChunk({ sessionId: newSessionId() })], { installId });

  it('off (the default): batches are taken without a receipt', async () => {
    expect((await postBatch(app, batchOf(randomUUID()))).statusCode).toBe(200);
  });

  it('on: 403 without an active grant, 200 after a grant, 403 again after a withdrawal', async () => {
    await app.close();
    app = open(true);
    const install = randomUUID();
    const refused = await postBatch(app, batchOf(install));
    expect(refused.statusCode).toBe(403);
    expect(errorBodySchema.parse(refused.json())).toMatchObject({ error: 'no_active_consent' });
    expect(refused.json().message).toMatch(/no active consent grant/);

    expect((await postReceipt(app, makeReceipt(install, { at: 1000 }))).statusCode).toBe(200);
    expect((await postBatch(app, batchOf(install))).statusCode).toBe(200);

    expect((await postReceipt(app, makeReceipt(install, { kind: 'withdraw', at: 2000 }))).statusCode).toBe(200);
    expect((await postBatch(app, batchOf(install))).statusCode).toBe(403);
    expect((await getJson(app, '/v1/stats')).json().rejected).toEqual({ no_active_consent: 2 });
  });
});
