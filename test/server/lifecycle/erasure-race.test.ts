import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeBatch, makeChunk, newSessionId } from '../fixtures';
import { getJson, listFiles, makeTempDir, postBatch, removeDir } from '../harness';
import { eraseAsAdmin, makeLifecycleApp } from './lifecycle-harness';

/**
 * Erasure racing uploads of the same install (and of another install), in a
 * bounded loop: whatever the interleaving, no file of the erased install
 * survives, and every batch of the other install that was acknowledged is
 * readable afterwards (also after a restart).
 */
const ROUNDS = 12;
const UPLOADS_PER_ROUND = 6;

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

const batchFor = (installId: string, sessionId = newSessionId()) =>
  makeBatch([makeChunk({ sessionId, seq: 0 }), makeChunk({ sessionId, seq: 1, t0: 1_700_000_001_000 })], {
    installId,
    dropped: [{ sessionId: newSessionId(), page: 0, fromSeq: 0, toSeq: 1, reason: 'quota', at: 1_700_000_000_000 }],
  });

async function filesMentioning(installId: string, sessionIds: ReadonlySet<string>): Promise<string[]> {
  const hits: string[] = [];
  for (const file of await listFiles(dir)) {
    if (/^(wal|consent|tombstones|batches)\//.test(file)) continue;
    const [, session] = /^sessions\/([^/]+)\//.exec(file) ?? [];
    if (session && sessionIds.has(session)) hits.push(file);
    else if (file.endsWith('.json') && (await readFile(join(dir, file), 'utf8')).includes(installId)) hits.push(file);
  }
  return hits;
}

describe('erasure racing uploads', () => {
  it(`leaves no file of the erased install and loses no acknowledged batch of another (${ROUNDS} rounds)`, async () => {
    const kept: string[] = [];
    let refused = 0;
    let storedBeforeErasure = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const victim = randomUUID();
      const bystander = randomUUID();
      const victimSessions = new Set<string>();
      const uploads = Array.from({ length: UPLOADS_PER_ROUND }, (_, i) => {
        const sessionId = newSessionId();
        victimSessions.add(sessionId);
        return postBatch(app, batchFor(victim, sessionId)).then((res) => ({ i, res }));
      });
      const others = Array.from({ length: 3 }, () => {
        const sessionId = newSessionId();
        return postBatch(app, batchFor(bystander, sessionId)).then((res) => ({ sessionId, res }));
      });
      // The erasure starts somewhere among the uploads: after a varying number of them were sent.
      await Promise.all(uploads.slice(0, round % UPLOADS_PER_ROUND));
      const erased = await eraseAsAdmin(app, victim);
      expect(erased.statusCode, erased.body).toBe(200);
      for (const { res } of await Promise.all(uploads)) {
        expect([200, 410], res.body).toContain(res.statusCode);
        if (res.statusCode === 410) refused++;
        else storedBeforeErasure++;
      }
      for (const { sessionId, res } of await Promise.all(others)) {
        expect(res.statusCode, res.body).toBe(200);
        kept.push(sessionId);
      }
      // Uploads after the erasure are refused too.
      expect((await postBatch(app, batchFor(victim))).statusCode).toBe(410);
      expect(await filesMentioning(victim, victimSessions)).toEqual([]);
      const listed = new Set(
        ((await getJson(app, '/v1/sessions?limit=1000')).json() as { sessions: { id: string }[] }).sessions.map((s) => s.id),
      );
      for (const id of victimSessions) expect(listed.has(id)).toBe(false);
    }
    // Both orders happened: some uploads were stored (then erased), some refused.
    expect(refused).toBeGreaterThan(0);
    expect(storedBeforeErasure).toBeGreaterThan(0);

    await app.close();
    app = makeLifecycleApp(dir);
    for (const id of kept) expect((await getJson(app, `/v1/sessions/${id}`)).statusCode, id).toBe(200);
    expect((await readdir(join(dir, 'sessions'))).sort()).toEqual([...kept].sort());
  }, 60_000);
});
