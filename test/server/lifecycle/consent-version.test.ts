import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../../lib/schema/batch';
import type { ConsentReceipt } from '../../../lib/schema/consent-receipt';
import { SessionStore } from '../../../server/store/session-store';
import { makeBatch, makeChunk, newSessionId } from '../fixtures';
import { makeTempDir, postBatch, removeDir } from '../harness';
import { makeLifecycleApp, makeReceipt, postReceipt } from './lifecycle-harness';
import { silentLogger } from '../../support/silent-logger';

/** Batches name the consent version they were recorded under; with receipts required, it must be granted. */
let dir: string;
let app: FastifyInstance;
let clock = 1_800_000_000_000;
const open = (requireConsentReceipt: boolean) => makeLifecycleApp(dir, { now: () => clock, requireConsentReceipt });
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await app.close();
  await removeDir(dir);
});

async function receipt(installId: string, overrides: Partial<ConsentReceipt>): Promise<void> {
  clock += 1000;
  const res = await postReceipt(app, makeReceipt(installId, { at: clock, ...overrides }));
  expect(res.statusCode, res.body).toBe(200);
}

function batch(installId: string, consentVersion: string | undefined, sessionId = newSessionId()) {
  const b = makeBatch([makeChunk({ sessionId })], { installId });
  return { sessionId, body: consentVersion === undefined ? b : { ...b, consentVersion } };
}

/** The session metas as stored (read back from the data dir once the app is closed). */
async function storedMetas() {
  await app.close();
  const store = await SessionStore.open(dir, silentLogger, { readOnly: true });
  try {
    return Object.fromEntries((await store.listSessions()).map((m) => [m.id, m.consentVersions]));
  } finally {
    await store.close();
  }
}

describe('consent version on batches', () => {
  it('with receipts required: a granted version is stored, another is 403 naming both; a batch naming none still passes', async () => {
    app = open(true);
    const install = randomUUID();
    await receipt(install, { kind: 'grant', consentVersion: '3' });
    const granted = batch(install, '3');
    expect((await postBatch(app, granted.body)).statusCode).toBe(200);

    const other = await postBatch(app, batch(install, '4').body);
    expect(other.statusCode).toBe(403);
    const error = errorBodySchema.parse(other.json());
    expect(error.error).toBe('consent_version_not_granted');
    expect(error.message).toContain('consent version "4"');
    expect(error.message).toContain('"3"');

    const legacy = batch(install, undefined);
    expect((await postBatch(app, legacy.body)).statusCode).toBe(200);
    expect(await storedMetas()).toEqual({ [granted.sessionId]: ['3'], [legacy.sessionId]: undefined });
  });

  it('a withdrawal ends the grants before it: the old version is refused until granted again', async () => {
    app = open(true);
    const install = randomUUID();
    await receipt(install, { kind: 'grant', consentVersion: '3' });
    await receipt(install, { kind: 'withdraw', consentVersion: '3' });
    expect(errorBodySchema.parse((await postBatch(app, batch(install, '3').body)).json()).error).toBe('no_active_consent');
    await receipt(install, { kind: 'grant', consentVersion: '4' });
    const stale = await postBatch(app, batch(install, '3').body);
    expect(stale.statusCode).toBe(403);
    expect(errorBodySchema.parse(stale.json()).error).toBe('consent_version_not_granted');
    expect((await postBatch(app, batch(install, '4').body)).statusCode).toBe(200);
    await receipt(install, { kind: 'grant', consentVersion: '3' });
    expect((await postBatch(app, batch(install, '3').body)).statusCode).toBe(200);
  });

  it('a session records every version its batches named; without the requirement any version is taken', async () => {
    app = open(false);
    const install = randomUUID();
    const sessionId = newSessionId();
    const first = makeBatch([makeChunk({ sessionId, seq: 0 })], { installId: install });
    const second = makeBatch([makeChunk({ sessionId, seq: 1, t0: 1_700_000_001_000 })], { installId: install });
    expect((await postBatch(app, { ...first, consentVersion: '5' })).statusCode).toBe(200);
    expect((await postBatch(app, { ...second, consentVersion: '10' })).statusCode).toBe(200);
    expect(await storedMetas()).toEqual({ [sessionId]: ['10', '5'] });
  });

  it('a version that is not a short string is a 400', async () => {
    app = open(false);
    const res = await postBatch(app, batch(randomUUID(), '').body);
    expect(res.statusCode).toBe(400);
  });
});
