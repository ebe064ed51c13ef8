import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { errorBodySchema } from '../../lib/schema/batch';
import { ingestStatsSchema } from '../../lib/schema/read-api';
import { encodeShotMeta, MAX_SHOT_BYTES, SHOT_META_HEADER, shotReceiptSchema } from '../../lib/schema/screenshot';
import { makeBatch, makeChunk, newSessionId } from './fixtures';
import { getJson, listFiles, makeApp, makeTempDir, postBatch, READ_TOKEN, removeDir, useTempApp } from './harness';
import { makeShotMeta, makeWebp, postShot, SHOT_INSTALL } from './shot-fixtures';

/**
 * POST /v1/shots (issue 15): a redacted WebP stored once per (session, page,
 * takenAt), with every malformed request refused by name and counted.
 */
const env = useTempApp();
const ADMIN = 'test-admin-token-0123456789abc';
const stats = async () => ingestStatsSchema.parse((await getJson(env.app, '/v1/stats')).json());
const errorOf = (res: { json: () => unknown }) => errorBodySchema.parse(res.json());
const shot = (fill = 'pixels', overrides: Parameters<typeof makeShotMeta>[1] = {}) => {
  const image = makeWebp(640, 400, 'VP8', fill);
  return { image, meta: makeShotMeta(image, { sessionId: newSessionId(), ...overrides }) };
};
/** An app with options of its own, on a data dir of its own, closed and removed after the test. */
async function ownApp(options: Parameters<typeof makeApp>[1]) {
  const dir = await makeTempDir();
  const app = makeApp(dir, options);
  onTestFinished(async () => {
    await app.close();
    await removeDir(dir);
  });
  return Object.assign(app, { dir });
}
const shotFiles = async () => (await listFiles(env.dir)).filter((f) => f.startsWith('shots/'));

describe('POST /v1/shots stores a shot once', () => {
  it('answers a receipt with the image sha256, and keeps the image and its record on disk', async () => {
    const { image, meta } = shot();
    const res = await postShot(env.app, meta, image);
    expect(res.statusCode).toBe(200);
    const receipt = shotReceiptSchema.parse(res.json());
    expect(receipt).toEqual({
      sessionId: meta.sessionId,
      page: 0,
      takenAt: meta.takenAt,
      sha256: createHash('sha256').update(image).digest('hex'),
      duplicate: false,
    });
    const files = await shotFiles();
    expect(files).toEqual(
      [
        `shots/${meta.sessionId}/000000-${meta.takenAt}.${receipt.sha256}.webp`,
        `shots/${meta.sessionId}/000000-${meta.takenAt}.json`,
      ].sort(),
    );
    expect(
      await readFile(
        join(
          env.dir,
          files.find((f) => f.endsWith('.webp'))!,
        ),
      ),
    ).toEqual(image);
    expect((await stats()).shotsStored).toBe(1);
  });

  it('answers a resend of the same bytes with duplicate: true, and refuses other bytes under the key (409)', async () => {
    const { image, meta } = shot();
    expect((await postShot(env.app, meta, image)).statusCode).toBe(200);
    const again = await postShot(env.app, meta, image);
    expect(again.statusCode).toBe(200);
    expect(shotReceiptSchema.parse(again.json()).duplicate).toBe(true);

    const other = makeWebp(640, 400, 'VP8', 'PIXELS');
    const conflict = await postShot(env.app, { ...meta, image: { ...meta.image, bytes: other.length } }, other);
    expect(conflict.statusCode).toBe(409);
    expect(errorOf(conflict).error).toBe('shot_conflict');
    const stored = (await shotFiles()).filter((f) => f.endsWith('.webp'));
    expect(stored).toHaveLength(1);
    expect(await readFile(join(env.dir, stored[0]!))).toEqual(image);
    expect(await stats()).toMatchObject({ shotsStored: 1, shotDuplicates: 1, rejected: { shot_conflict: 1 } });
  });

  it('takes VP8L and VP8X images; scrubs the page URL again before storing it', async () => {
    for (const format of ['VP8L', 'VP8X'] as const) {
      const image = makeWebp(1280, 777, format);
      const meta = makeShotMeta(image, {
        sessionId: newSessionId(),
        width: 1280,
        height: 777,
        url: 'http://localhost:5173/a?token=s3cr3t-v4lue',
      });
      expect((await postShot(env.app, meta, image)).statusCode).toBe(200);
    }
    const records = (await shotFiles()).filter((f) => f.endsWith('.json'));
    for (const f of records) expect(await readFile(join(env.dir, f), 'utf8')).not.toContain('s3cr3t-v4lue');
  });
});

describe('POST /v1/shots refuses, by name', () => {
  const cases: [string, () => ReturnType<typeof postShot>, number, string][] = [
    ['no token', () => post({ token: null }), 401, 'unauthorized'],
    ['a read token (not an ingest one)', () => post({ token: READ_TOKEN }), 401, 'unauthorized'],
    ['another media type', () => post({ headers: { 'content-type': 'image/png' } }), 415, 'unsupported_media_type'],
    ['a gzip body', () => post({ headers: { 'content-encoding': 'gzip' } }), 415, 'unsupported_encoding'],
    ['no metadata header', () => post({ headers: { [SHOT_META_HEADER]: undefined } }), 400, 'invalid_shot_meta'],
    ['metadata not base64url', () => post({ headers: { [SHOT_META_HEADER]: 'not base64!' } }), 400, 'invalid_shot_meta'],
    [
      'metadata not JSON',
      () => post({ headers: { [SHOT_META_HEADER]: Buffer.from('{nope').toString('base64url') } }),
      400,
      'invalid_shot_meta',
    ],
  ];
  function post(opts: Parameters<typeof postShot>[3]) {
    const { image, meta } = shot();
    return postShot(env.app, meta, image, opts);
  }
  for (const [what, send, status, code] of cases) {
    it(`${what}: ${status} ${code}`, async () => {
      const res = await send();
      expect(res.statusCode).toBe(status);
      expect(errorOf(res).error).toBe(code);
      expect(await shotFiles()).toEqual([]);
    });
  }

  it("metadata that is not a shot's, naming the field", async () => {
    const { image, meta } = shot();
    const res = await postShot(env.app, { ...meta, trigger: 'whenever' as never, scale: -1 }, image);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toEqual({ error: 'invalid_shot_meta', message: expect.stringMatching(/trigger.*scale|scale.*trigger/) });
  });

  it('a body whose length is not image.bytes', async () => {
    const { image, meta } = shot();
    const res = await postShot(env.app, { ...meta, image: { ...meta.image, bytes: image.length + 1 } }, image);
    expect(errorOf(res)).toEqual({ error: 'shot_size_mismatch', message: expect.stringContaining(String(image.length)) });
  });

  it('a body that is not WebP: a PNG, a truncated RIFF, an unknown chunk', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(40)]);
    const truncated = makeWebp(640, 400).subarray(0, 32);
    const unknown = makeWebp(640, 400);
    unknown.write('ALPH', 12, 'latin1');
    for (const body of [png, truncated, unknown]) {
      const { meta } = shot();
      const res = await postShot(env.app, { ...meta, image: { ...meta.image, bytes: body.length } }, body);
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).error).toBe('invalid_webp');
    }
  });

  it('a WebP whose size is not image.width x image.height, in each format', async () => {
    for (const format of ['VP8', 'VP8L', 'VP8X'] as const) {
      const image = makeWebp(641, 400, format);
      const res = await postShot(env.app, makeShotMeta(image, { sessionId: newSessionId() }), image);
      expect(errorOf(res)).toEqual({ error: 'shot_dimensions_mismatch', message: expect.stringContaining('641x400') });
    }
  });

  it('a body past MAX_SHOT_BYTES: 413 before it is read', async () => {
    const big = Buffer.alloc(MAX_SHOT_BYTES + 1);
    const { meta } = shot();
    const res = await postShot(env.app, meta, big);
    expect(res.statusCode).toBe(413);
    expect(errorOf(res).error).toBe('payload_too_large');
  });

  it('counts every rejection in the ingest stats', async () => {
    await post({ token: null });
    await post({ headers: { 'content-type': 'text/plain' } });
    await post({ headers: { [SHOT_META_HEADER]: encodeShotMeta({ ...shot().meta, page: -1 }) } });
    expect((await stats()).rejected).toEqual({ unauthorized: 1, unsupported_media_type: 1, invalid_shot_meta: 1 });
  });
});

describe('POST /v1/shots holds to the rules of batches', () => {
  it("refuses a shot for a session another install wrote first, and another install's chunks for a session a shot opened", async () => {
    const other = randomUUID();
    const id = newSessionId();
    expect((await postBatch(env.app, makeBatch([makeChunk({ sessionId: id, seq: 0 })], { installId: SHOT_INSTALL }))).statusCode).toBe(200);
    const theirs = shot('x', { sessionId: id, installId: other });
    expect(errorOf(await postShot(env.app, theirs.meta, theirs.image)).error).toBe('session_of_another_install');

    const opened = shot('y', { installId: other });
    expect((await postShot(env.app, opened.meta, opened.image)).statusCode).toBe(200);
    const squat = await postBatch(
      env.app,
      makeBatch([makeChunk({ sessionId: opened.meta.sessionId, seq: 0 })], { installId: SHOT_INSTALL }),
    );
    expect(squat.statusCode).toBe(403);
    expect(errorOf(squat).error).toBe('session_of_another_install');
  });

  it('refuses installs without consent when consent is required', async () => {
    const app = await ownApp({ requireConsentReceipt: true });
    const { image, meta } = shot();
    const res = await postShot(app, meta, image);
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).error).toBe('no_active_consent');
  });

  it("an erasure removes the install's shots, and its later shots are refused (410)", async () => {
    const app = await ownApp({ adminTokens: [ADMIN] });
    const { image, meta } = shot();
    expect((await postShot(app, meta, image)).statusCode).toBe(200);
    const erased = await app.inject({
      method: 'DELETE',
      url: `/v1/subjects/${SHOT_INSTALL}`,
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(erased.statusCode).toBe(200);
    expect((await listFiles(app.dir)).filter((f) => f.startsWith('shots/'))).toEqual([]);
    const later = shot('later');
    const res = await postShot(app, later.meta, later.image);
    expect(res.statusCode).toBe(410);
    expect(errorOf(res).error).toBe('install_erased');
  });
});
