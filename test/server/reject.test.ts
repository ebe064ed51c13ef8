import { randomBytes } from 'node:crypto';
import { createGzip, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../lib/schema/batch';
import { makeBatch, makeChunk, newSessionId } from './fixtures';
import { getJson, listFiles, makeApp, postBatch, useTempApp } from './harness';
import { growthRatio } from '../support/growth-ratio';

const env = useTempApp();

const validBatch = () => makeBatch([makeChunk({ sessionId: newSessionId() })]);
const errorOf = (res: { json: () => unknown }) => errorBodySchema.parse(res.json());

/** gzip of `megabytes` MiB of zeros, compressed as a stream so the test never holds it inflated. */
async function gzipBomb(megabytes: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const out: Buffer[] = [];
  gzip.on('data', (b: Buffer) => out.push(b));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < megabytes; i++) if (!gzip.write(zeros)) await new Promise((r) => gzip.once('drain', r));
  gzip.end();
  await done;
  return Buffer.concat(out);
}

describe('rejected uploads', () => {
  it('names the bad field of an invalid batch', async () => {
    const batch = validBatch();
    const res = await postBatch(env.app, { ...batch, chunks: [{ ...batch.chunks[0], events: [] }] });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toEqual({ error: 'invalid_batch', message: expect.stringMatching(/^chunks\[0\]\.events: Too small/) });

    const noId = await postBatch(env.app, { ...batch, batchId: 'x', installId: 'me@example.com' });
    expect(errorOf(noId).message).toMatch(/batchId: batchId must be 8-128 characters/);
    expect(errorOf(noId).message).toMatch(/installId: /);
    expect(await listFiles(env.dir)).toEqual([]);
  });

  it('rejects malformed gzip, non-JSON, non-UTF-8 and empty bodies with 400', async () => {
    const cases: [Buffer, string][] = [
      [Buffer.from('definitely not gzip'), 'bad_gzip'],
      [gzipSync(Buffer.from(JSON.stringify(validBatch()))).subarray(0, 40), 'bad_gzip'],
      [gzipSync('{"batchId": '), 'invalid_json'],
      [gzipSync(Buffer.from([0x7b, 0xff, 0xfe, 0x7d])), 'invalid_json'],
      [Buffer.alloc(0), 'empty_body'],
    ];
    for (const [body, code] of cases) {
      const res = await postBatch(env.app, body);
      expect(res.statusCode, code).toBe(400);
      expect(errorOf(res).error).toBe(code);
    }
  });

  it('rejects an unknown Content-Encoding with 415', async () => {
    const res = await postBatch(env.app, Buffer.from('{}'), { headers: { 'content-encoding': 'br' } });
    expect(res.statusCode).toBe(415);
    expect(errorOf(res).error).toBe('unsupported_encoding');
  });

  it('caps the compressed size (default 10 MiB) with 413', async () => {
    const big = randomBytes(10 * 1024 * 1024 + 1); // incompressible, so gzip would not help
    const res = await postBatch(env.app, big);
    expect(res.statusCode).toBe(413);
    expect(errorOf(res).error).toBe('payload_too_large');

    const small = makeApp(env.dir, { limits: { maxBodyBytes: 1024 } });
    const batch = makeBatch([makeChunk({ sessionId: newSessionId(), actions: Array(20).fill('click') })]);
    const tooBig = await postBatch(small, batch, { identity: true });
    expect(tooBig.statusCode).toBe(413);
    expect((await postBatch(small, makeBatch([makeChunk({ sessionId: newSessionId() })]))).statusCode).toBe(200);
    await small.close();
  });

  it('rejects a gzip bomb with 413 without inflating it', async () => {
    const bomb = await gzipBomb(200);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const res = await postBatch(env.app, bomb);
    // 400 invalid_json would mean all 200 MB were inflated and parsed.
    expect(res.statusCode).toBe(413);
    expect(errorOf(res)).toEqual({ error: 'decompressed_too_large', message: expect.stringContaining('52428800') });
    // Inflating stops at the 50 MiB limit: a 400 MB bomb costs about what a 60 MB one does (inflating
    // all of it would cost ~6.7x). The margin is wide so a busy machine cannot make it fail.
    const bombs = new Map([
      [60, await gzipBomb(60)],
      [400, await gzipBomb(400)],
    ]);
    expect(await growthRatio((mb) => postBatch(env.app, bombs.get(mb)!), 60, 400, 3)).toBeLessThan(3);
  });

  it('applies a custom decompressed-size limit', async () => {
    const small = makeApp(env.dir, { limits: { maxDecompressedBytes: 2048 } });
    const batch = makeBatch([makeChunk({ sessionId: newSessionId(), actions: Array(20).fill('click') })]);
    expect((await postBatch(small, batch)).statusCode).toBe(413);
    expect((await postBatch(small, batch, { identity: true })).statusCode).toBe(413);
    await small.close();
  });

  it('counts rejections by reason', async () => {
    await postBatch(env.app, Buffer.from('nope'));
    await postBatch(env.app, Buffer.from('nope'));
    await postBatch(env.app, { nope: true });
    await postBatch(env.app, validBatch());
    const stats = (await getJson(env.app, '/v1/stats')).json();
    expect(stats).toMatchObject({ batchesAccepted: 1, rejected: { bad_gzip: 2, invalid_batch: 1 } });
  });
});
