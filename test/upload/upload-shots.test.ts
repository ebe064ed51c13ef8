import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueueDb } from '../../lib/queue/open-queue-db';
import { appendShot, countShotsBySession, takeShots } from '../../lib/queue/shots';
import { deleteSession } from '../../lib/queue/delete-session';
import { getQueueStats } from '../../lib/queue/queue-stats';
import { decodeShotMetaHeader, SHOT_META_HEADER, type ShotMeta } from '../../lib/schema/screenshot';
import { uploadShots } from '../../lib/upload/upload-shots';
import { createMemoryUploadStateStore } from '../../lib/upload/upload-state';
import { freshDb } from '../queue/fixtures';
import { SESSION_A, SESSION_B } from '../support/builders';

let db: QueueDb;
beforeEach(async () => {
  db = await freshDb();
});
afterEach(() => db.close());

const meta = (sessionId: string, takenAt: number, bytes: number): ShotMeta => ({
  sessionId,
  page: 0,
  takenAt,
  installId: '5f0c6b8e-1d2a-4c3b-9e8f-7a6b5c4d3e2f',
  orgId: null,
  extensionVersion: '0.1.0',
  site: 'https://app.example',
  url: 'https://app.example/orders',
  trigger: 'periodic',
  requestedAt: takenAt,
  viewport: { width: 1000, height: 700 },
  scroll: { x: 0, y: 0 },
  image: { width: 1000, height: 700, mime: 'image/webp', bytes },
  scale: 1,
  redactedRegions: 3,
});
const shot = (sessionId: string, takenAt: number, size = 100) => {
  const image = new Uint8Array(size).fill(takenAt % 251).buffer;
  return { sessionId, page: 0, takenAt, storedAt: takenAt, meta: meta(sessionId, takenAt, size), image };
};
const sha = (buf: ArrayBuffer) => createHash('sha256').update(new Uint8Array(buf)).digest('hex');

type Answer = (body: ArrayBuffer, meta: ShotMeta) => Response;
const fakeFetch = (answer: Answer) => {
  const calls: Array<{ url: string; headers: Record<string, string>; meta: ShotMeta }> = [];
  const fetch = (async (url: string, init: RequestInit) => {
    const headers = init.headers as Record<string, string>;
    const m = decodeShotMetaHeader(headers[SHOT_META_HEADER]!) as ShotMeta;
    calls.push({ url, headers, meta: m });
    return answer(init.body as ArrayBuffer, m);
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
};
const receipt = (m: ShotMeta, sha256: string) =>
  Response.json({ sessionId: m.sessionId, page: m.page, takenAt: m.takenAt, sha256, duplicate: false }, { status: 201 });
const run = (fetch: typeof globalThis.fetch, state = createMemoryUploadStateStore()) =>
  uploadShots({ db, fetch, endpoint: 'https://ingest.example/', ingestToken: 'tok', state, now: () => 1_000, random: () => 0.5 });

describe('the shots store', () => {
  it('keeps its own cap, evicting the oldest shots first and counting them', async () => {
    for (let t = 1; t <= 5; t++) await appendShot(db, shot(SESSION_A, t, 100), 300);
    expect((await takeShots(db, 10)).map((s) => s.takenAt)).toEqual([3, 4, 5]);
    const stats = await getQueueStats(db, 1_000_000);
    expect(stats.counters.shotsEvicted).toBe(2);
    expect(stats.counters.shotsStored).toBe(5);
    // Shots are not part of the chunks' budget.
    expect(stats.pendingBytes).toBe(0);
  });

  it('counts and deletes a session’s shots with the session', async () => {
    await appendShot(db, shot(SESSION_A, 1), 10_000);
    await appendShot(db, shot(SESSION_A, 2), 10_000);
    await appendShot(db, shot(SESSION_B, 3), 10_000);
    expect(Object.fromEntries(await countShotsBySession(db))).toEqual({ [SESSION_A]: 2, [SESSION_B]: 1 });
    await deleteSession(db, SESSION_A);
    expect(Object.fromEntries(await countShotsBySession(db))).toEqual({ [SESSION_B]: 1 });
  });
});

describe('uploading shots', () => {
  it('posts the bytes with the bearer token and the metadata header, and deletes only after a valid receipt', async () => {
    await appendShot(db, shot(SESSION_A, 1), 10_000);
    const { fetch, calls } = fakeFetch((body, m) => receipt(m, sha(body)));
    expect(await run(fetch)).toEqual({ uploaded: 1, refused: 0, stopped: false });
    expect(calls[0]!.url).toBe('https://ingest.example/v1/shots');
    expect(calls[0]!.headers.Authorization).toBe('Bearer tok');
    expect(calls[0]!.headers['Content-Type']).toBe('image/webp');
    expect(calls[0]!.meta.sessionId).toBe(SESSION_A);
    expect(await takeShots(db, 10)).toEqual([]);
    expect((await getQueueStats(db, 1_000_000)).counters.shotsUploaded).toBe(1);
  });

  it.each([
    ['another hash', (body: ArrayBuffer, m: ShotMeta) => receipt(m, '0'.repeat(64))],
    ['another shot', (body: ArrayBuffer, m: ShotMeta) => receipt({ ...m, takenAt: m.takenAt + 1 }, sha(body))],
    ['no receipt at all', () => new Response('ok', { status: 200 })],
    ['a server error', () => Response.json({ error: 'internal', message: 'x' }, { status: 503 })],
  ])('keeps the shot and backs off on %s', async (_name, answer) => {
    await appendShot(db, shot(SESSION_A, 1), 10_000);
    const state = createMemoryUploadStateStore();
    const { fetch } = fakeFetch(answer);
    expect((await run(fetch, state)).stopped).toBe(true);
    expect(await takeShots(db, 10)).toHaveLength(1);
    expect(state.current().attempt).toBe(1);
    expect(state.current().notBefore).toBeGreaterThan(1_000);
  });

  it('keeps a shot the server refuses for good and goes on with the next', async () => {
    await appendShot(db, shot(SESSION_A, 1), 10_000);
    await appendShot(db, shot(SESSION_A, 2), 10_000);
    const { fetch } = fakeFetch((body, m) =>
      m.takenAt === 1 ? Response.json({ error: 'shot_conflict', message: 'other bytes' }, { status: 409 }) : receipt(m, sha(body)),
    );
    expect(await run(fetch)).toEqual({ uploaded: 1, refused: 1, stopped: false });
    expect((await takeShots(db, 10)).map((s) => s.takenAt)).toEqual([1]);
  });

  it('sends nothing while a backoff is in force', async () => {
    await appendShot(db, shot(SESSION_A, 1), 10_000);
    const { fetch, calls } = fakeFetch((body, m) => receipt(m, sha(body)));
    expect((await run(fetch, createMemoryUploadStateStore({ attempt: 2, notBefore: 5_000 }))).stopped).toBe(true);
    expect(calls).toHaveLength(0);
  });
});
