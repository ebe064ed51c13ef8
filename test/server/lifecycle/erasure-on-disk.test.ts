import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeBatch, makeChunk, newSessionId } from '../fixtures';
import { getJson, listFiles, makeTempDir, postBatch, removeDir } from '../harness';
import { DAY_MS } from '../../../server/lifecycle/retention/retention-window';
import { eraseAsAdmin, makeLifecycleApp } from './lifecycle-harness';

/**
 * Erasure leaves no byte of the erased sessions on disk once it is
 * acknowledged: not in the session files, and not in the fs store's
 * write-ahead log, whose segments would otherwise keep the batches until they
 * retire (10 s rotation + 30 s settling with the default options used here).
 */
let dir: string;
let app: FastifyInstance;
beforeEach(async () => {
  dir = await makeTempDir();
  app = makeLifecycleApp(dir);
});
afterEach(async () => {
  await app.close();
  await removeDir(dir);
});

interface Uploaded {
  sessionIds: string[];
  /** Each session's URL holds a marker that is in no other install's data. */
  marker: string;
}

async function upload(installId: string, t0 = 1_700_000_000_000): Promise<Uploaded> {
  const marker = `marker-${randomUUID()}`;
  const sessionIds = [newSessionId(), newSessionId()];
  const chunks = sessionIds.flatMap((sessionId) =>
    [0, 1].map((seq) => makeChunk({ sessionId, seq, url: `http://localhost:5173/${marker}`, t0: t0 + seq * 1000 })),
  );
  const res = await postBatch(app, makeBatch(chunks, { installId }));
  expect(res.statusCode, res.body).toBe(200);
  return { sessionIds, marker };
}

/** The stored chunk files' bytes (gzip), read while they exist. */
async function chunkBytes(sessionIds: readonly string[]): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (const file of await listFiles(dir)) {
    if (sessionIds.some((id) => file.startsWith(join('sessions', id, 'chunks')))) out.push(await readFile(join(dir, file)));
  }
  return out;
}

/** Files outside audit/ and tombstones/ holding a session id, the marker or a chunk's bytes (raw, base64, or gunzipped). */
async function filesHolding(what: Uploaded, chunks: readonly Buffer[]): Promise<string[]> {
  const hits: string[] = [];
  for (const file of await listFiles(dir)) {
    if (file.startsWith('audit/') || file.startsWith('tombstones/')) continue;
    const raw = await readFile(join(dir, file));
    const texts = [raw.toString('latin1')];
    if (file.endsWith('.gz')) texts.push(gunzipSync(raw).toString('utf8'));
    const needles = [...what.sessionIds, what.marker, ...chunks.map((c) => c.toString('base64'))];
    const found = texts.some((t) => needles.some((n) => t.includes(n))) || chunks.some((c) => raw.includes(c));
    if (found) hits.push(file);
  }
  return hits;
}

describe('erasure on disk', () => {
  it('after DELETE /v1/subjects/:id returns, no file but audit/ and tombstones/ holds the sessions, the log included', async () => {
    const install = randomUUID();
    const other = randomUUID();
    const before = await upload(other);
    const mine = await upload(install);
    const after = await upload(other);
    const bytes = await chunkBytes(mine.sessionIds);
    expect(bytes).toHaveLength(4);
    // Where the test looks: the batch is in the log (not retired yet) and in the session files.
    const held = await filesHolding(mine, bytes);
    expect(held.some((f) => f.startsWith('wal/'))).toBe(true);
    expect(held.some((f) => f.startsWith('sessions/'))).toBe(true);

    const res = await eraseAsAdmin(app, install);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ sessionsDeleted: 2, chunksDeleted: 4 });
    expect(await filesHolding(mine, bytes)).toEqual([]);

    // The other install's batches, logged around the erased ones, are whole, and stay so across a restart.
    for (const id of [...before.sessionIds, ...after.sessionIds]) {
      expect((await getJson(app, `/v1/sessions/${id}`)).statusCode).toBe(200);
    }
    await app.close();
    app = makeLifecycleApp(dir);
    const list = (await getJson(app, '/v1/sessions')).json() as { sessions: Array<{ id: string }> };
    expect(list.sessions.map((s) => s.id).sort()).toEqual([...before.sessionIds, ...after.sessionIds].sort());
    expect(await filesHolding(mine, bytes)).toEqual([]);
  });

  it('an upload of another install racing the erasure is acknowledged and kept', async () => {
    const install = randomUUID();
    const mine = await upload(install);
    const bytes = await chunkBytes(mine.sessionIds);
    const [erased, later] = await Promise.all([eraseAsAdmin(app, install), upload(randomUUID())]);
    expect(erased.statusCode).toBe(200);
    expect(await filesHolding(mine, bytes)).toEqual([]);
    for (const id of later.sessionIds) expect((await getJson(app, `/v1/sessions/${id}`)).statusCode).toBe(200);
  });
});

describe('retention on disk', () => {
  it('once a sweep is recorded, no file but audit/ holds the expired sessions, the write-ahead log included', async () => {
    await app.close();
    const T0 = 1_700_000_000_000;
    let clock = T0 + 10 * DAY_MS;
    const ticks: (() => void)[] = [];
    let swept = false;
    app = makeLifecycleApp(dir, {
      now: () => clock,
      retention: { days: 30, timers: { setInterval: (fn) => (ticks.push(fn), {}), clearInterval: () => {} } },
      audit: async (e) => {
        if (e.action === 'retention.sweep') swept = true;
      },
    });
    const old = await upload(randomUUID(), T0);
    const recent = await upload(randomUUID(), T0 + 9 * DAY_MS);
    const bytes = await chunkBytes(old.sessionIds);
    expect((await filesHolding(old, bytes)).some((f) => f.startsWith('wal/'))).toBe(true);

    clock = T0 + 31 * DAY_MS;
    ticks[0]!();
    await expect.poll(() => swept).toBe(true);
    expect(await filesHolding(old, bytes)).toEqual([]);
    for (const id of recent.sessionIds) expect((await getJson(app, `/v1/sessions/${id}`)).statusCode).toBe(200);
  });
});
