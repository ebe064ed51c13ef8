import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessionListSchema } from '../../lib/schema/read-api';
import { writeFilesAtomic } from '../../server/store/atomic-write';
import { storedMetaSchema } from '../../server/store/records';
import { makeBatch, makeChunk, newSessionId } from './fixtures';
import { getJson, listFiles, makeApp, makeTempDir, postBatch, removeDir } from './harness';

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await removeDir(dir);
});

/** Uploads one session of `n` chunks through a throwaway app; returns the session id. */
async function seed(n: number): Promise<string> {
  const id = newSessionId();
  const app = makeApp(dir);
  const batch = makeBatch(Array.from({ length: n }, (_, seq) => makeChunk({ sessionId: id, seq, t0: 1000 + seq * 100 })));
  expect((await postBatch(app, batch)).statusCode).toBe(200);
  await app.close();
  return id;
}

async function sessionsAfterRestart() {
  const app = makeApp(dir);
  const list = sessionListSchema.parse((await getJson(app, '/v1/sessions')).json()).sessions;
  return { app, list };
}

describe('file store', () => {
  it('leaves no temp files and a restarted app sees the same sessions', async () => {
    const id = await seed(3);
    const files = await listFiles(dir);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(files.filter((f) => f.includes('/chunks/'))).toHaveLength(3);

    const first = makeApp(dir);
    const before = (await getJson(first, '/v1/sessions')).json();
    await first.close();
    const { app, list } = await sessionsAfterRestart();
    expect(list).toEqual(before.sessions);
    expect(list.map((s) => s.id)).toEqual([id]);
    // The restarted app also remembers what is stored: a resend stores nothing.
    const again = makeBatch([makeChunk({ sessionId: id, seq: 1 })]);
    expect((await postBatch(app, again)).json()).toMatchObject({ stored: 0, duplicates: 1 });
    await app.close();
  });

  it('rebuilds a corrupt meta from the chunks and ignores leftover temp files', async () => {
    const id = await seed(2);
    const metaPath = join(dir, 'sessions', id, 'meta.json');
    const original = storedMetaSchema.parse(JSON.parse(await readFile(metaPath, 'utf8')));
    await writeFile(metaPath, '{"id": "trunc');
    await writeFile(join(dir, 'sessions', id, 'chunks', '.000000-00000009.json.abc.tmp'), '{"half');
    const { app, list } = await sessionsAfterRestart();
    expect(list).toHaveLength(1);
    expect(storedMetaSchema.parse(JSON.parse(await readFile(metaPath, 'utf8')))).toEqual(original);
    expect((await getJson(app, `/v1/sessions/${id}/events`)).json()).toHaveLength(5);
    await app.close();
  });

  it('counts a chunk written before a crash that hit before its meta update', async () => {
    const id = await seed(1);
    const orphan = {
      ...makeChunk({ sessionId: id, seq: 1, t0: 9000 }),
      batchId: 'lost-batch-1',
      installId: newSessionId(),
      orgId: null,
      extensionVersion: '0.1.0',
    };
    await writeFile(join(dir, 'sessions', id, 'chunks', '000000-00000001.json'), JSON.stringify(orphan));
    const { app, list } = await sessionsAfterRestart();
    expect(list[0]).toMatchObject({ id, startedAt: 1000, endedAt: 9010 + 10 });
    await app.close();
  });

  it('skips unreadable sessions and stray entries without crashing', async () => {
    const good = await seed(1);
    const bad = newSessionId();
    await mkdir(join(dir, 'sessions', bad, 'chunks'), { recursive: true });
    await writeFile(join(dir, 'sessions', bad, 'meta.json'), 'garbage');
    await writeFile(join(dir, 'sessions', bad, 'chunks', '000000-00000000.json'), 'garbage');
    await mkdir(join(dir, 'sessions', 'not-a-session'));
    const { app, list } = await sessionsAfterRestart();
    expect(list.map((s) => s.id)).toEqual([good]);
    expect((await getJson(app, `/v1/sessions/${bad}/events`)).statusCode).toBe(404);
    await app.close();
  });

  it('serves a 500 JSON error, not a crash, when a stored chunk is corrupted later', async () => {
    const id = await seed(1);
    const app = makeApp(dir);
    await app.ready();
    await writeFile(join(dir, 'sessions', id, 'chunks', '000000-00000000.json.gz'), '{oops');
    const res = await getJson(app, `/v1/sessions/${id}/events`);
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: 'internal_error', message: 'internal server error' });
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    await app.close();
  });

  it('removes its temp files when an atomic write fails', async () => {
    await mkdir(join(dir, 'occupied.json')); // rename onto a directory fails
    await expect(
      writeFilesAtomic([
        { path: join(dir, 'a.json'), data: 'a' },
        { path: join(dir, 'occupied.json'), data: 'b' },
      ]),
    ).rejects.toThrow();
    expect(await listFiles(dir)).toEqual(['a.json']);
  });
});
