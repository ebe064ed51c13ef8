import { describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../lib/schema/batch';
import { makeBatch, makeChunk, newSessionId } from './fixtures';
import { getJson, makeApp, makeTempDir, postBatch, removeDir } from './harness';

/** Bytes stored per session and per install per day are capped, with a refusal that says which cap and why. */
const INSTALL = '3f0c1a52-8a43-4e4b-9a57-1f2d3c4b5a69';
const OTHER = '6a1d2e3f-4b5c-4d6e-8f70-8192a3b4c5d6';

async function withApp<T>(
  caps: { maxSessionBytes?: number; maxInstallBytesPerDay?: number },
  now: () => number,
  fn: (app: ReturnType<typeof makeApp>) => Promise<T>,
): Promise<T> {
  const dir = await makeTempDir();
  const app = makeApp(dir, { caps, now });
  try {
    return await fn(app);
  } finally {
    await app.close();
    await removeDir(dir);
  }
}

describe('byte caps', () => {
  it('refuses chunks past the per-session cap with 413 naming the session, and takes other sessions', async () => {
    await withApp({ maxSessionBytes: 3000 }, Date.now, async (app) => {
      const id = newSessionId();
      expect((await postBatch(app, makeBatch([makeChunk({ sessionId: id, seq: 0 })], { installId: INSTALL }))).statusCode).toBe(200);
      const chunks = [1, 2, 3, 4, 5].map((seq) => makeChunk({ sessionId: id, seq }));
      const res = await postBatch(app, makeBatch(chunks, { installId: INSTALL }));
      expect(res.statusCode).toBe(413);
      expect(errorBodySchema.parse(res.json())).toEqual({ error: 'session_too_large', message: expect.stringContaining(id) });
      expect((await postBatch(app, makeBatch([makeChunk({ sessionId: newSessionId() })], { installId: INSTALL }))).statusCode).toBe(200);
      expect((await getJson(app, '/v1/stats')).json().rejected).toEqual({ session_too_large: 1 });
    });
  });

  it('tells an install past its daily cap to come back the next UTC day (429, Retry-After), and not another install', async () => {
    let now = Date.UTC(2026, 0, 5, 23, 0, 0);
    await withApp(
      { maxInstallBytesPerDay: 4000 },
      () => now,
      async (app) => {
        const batch = (installId: string) =>
          makeBatch(
            [0, 1, 2].map((seq) => makeChunk({ sessionId: newSessionId(), seq: 0, t0: now - 10_000 + seq })),
            { installId },
          );
        expect((await postBatch(app, batch(INSTALL))).statusCode).toBe(200);
        const res = await postBatch(app, batch(INSTALL));
        expect(res.statusCode).toBe(429);
        expect(res.headers['retry-after']).toBe('3600');
        expect(errorBodySchema.parse(res.json()).error).toBe('install_daily_cap');
        expect((await postBatch(app, batch(OTHER))).statusCode).toBe(200);
        now += 2 * 3600_000; // the next UTC day
        expect((await postBatch(app, batch(INSTALL))).statusCode).toBe(200);
      },
    );
  });

  it("counts an upload's bytes against the daily cap as it is checked: concurrent uploads of one install do not all pass", async () => {
    await withApp({ maxInstallBytesPerDay: 4000 }, Date.now, async (app) => {
      const batch = () =>
        makeBatch(
          [0, 1, 2].map(() => makeChunk({ sessionId: newSessionId(), seq: 0 })),
          { installId: INSTALL },
        );
      // Each batch fits the cap alone, two do not (see the test above); sent at once, one is stored.
      const codes = (await Promise.all(Array.from({ length: 6 }, () => postBatch(app, batch())))).map((r) => r.statusCode);
      expect(codes.filter((c) => c === 200)).toHaveLength(1);
      expect(codes.filter((c) => c === 429)).toHaveLength(5);
    });
  });
});
