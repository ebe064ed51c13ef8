import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Batch } from '../../lib/schema/batch';
import { sessionEventsSchema } from '../../lib/schema/read-api';
import type { ServerProcess } from '../../e2e/support/server-process';
import { enrolOn, readFrom, sendBatch, useSpawnedServers } from '../support/spawned-server';
import { makeBatch, makeChunk, newSessionId } from './fixtures';
import { listFiles } from './harness';

/**
 * The real server process killed with SIGKILL while it writes, then started
 * again on the same data: every acknowledged batch is there, no batch is
 * there in part, no temp file is left, and resending stores nothing twice.
 */
const PRELOAD = fileURLToPath(new URL('./crash-preload.mjs', import.meta.url));

const servers = useSpawnedServers();

const start = (dataDir: string, crashAtWrite = 0): Promise<ServerProcess> =>
  servers.start({
    dataDir,
    nodeArgs: crashAtWrite ? ['--import', PRELOAD] : [],
    env: { WEBTRACE_CRASH_AT_WRITE: String(crashAtWrite) },
  });

/** The install enrolled (with its consent grant) by a server that is then stopped: the kill points are the batch's alone. */
async function enrolled(dataDir: string, installId: string): Promise<void> {
  const server = await start(dataDir);
  await enrolOn(server.url, installId);
  await server.kill('SIGTERM');
}

/** POST a batch; the status, or null when the connection died (the server was killed). */
async function post(url: string, batch: Batch): Promise<number | null> {
  try {
    const res = await sendBatch(url, batch, { 'idempotency-key': batch.batchId });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return null;
  }
}

async function events(url: string, sessionId: string): Promise<unknown[] | null> {
  const res = await readFrom(url, `/v1/sessions/${sessionId}/events`);
  if (res.status === 404) return null;
  expect(res.status).toBe(200);
  return sessionEventsSchema.parse(await res.json());
}

/** For each session of the batch: all its chunks' events, none, or (a failure) something in between. */
async function presence(url: string, batch: Batch): Promise<'all' | 'none' | 'partial'> {
  const sessions = [...new Set(batch.chunks.map((c) => c.sessionId))];
  const states = await Promise.all(
    sessions.map(async (id) => {
      const want = batch.chunks.filter((c) => c.sessionId === id).flatMap((c) => c.events);
      const got = (await events(url, id)) ?? [];
      if (got.length === 0) return 'none';
      return JSON.stringify(got) === JSON.stringify(want) ? 'all' : 'partial';
    }),
  );
  return states.every((s) => s === 'all') ? 'all' : states.every((s) => s === 'none') ? 'none' : 'partial';
}

const tempFiles = async (dir: string) => (await listFiles(dir)).filter((f) => f.endsWith('.tmp') || f.startsWith('journal/'));

/** Two sessions, two chunks each, plus a drop report: a batch whose ingest writes many files. */
function twoSessionBatch(): Batch {
  const [a, b] = [newSessionId(), newSessionId()];
  const chunks = [a, b].flatMap((sessionId) => [0, 1].map((seq) => makeChunk({ sessionId, seq, actions: ['click', 'type'] })));
  return makeBatch(chunks, {
    dropped: [{ sessionId: a, page: 0, fromSeq: 2, toSeq: 3, reason: 'recorder-overflow', at: 1_700_000_000_001 }],
  });
}

describe('server killed mid-write (SIGKILL)', () => {
  it('at every write of a batch: after a restart the batch is there entirely or not at all, and a resend completes it once', async () => {
    let crashes = 0;
    // Kill at the 1st, 2nd, … file operation of the ingest until a run gets through without being killed.
    for (let at = 1; at < 60; at++) {
      const dir = await servers.tempDir();
      const batch = twoSessionBatch();
      await enrolled(dir, batch.installId);
      const doomed = await start(dir, at);
      const status = await post(doomed.url, batch);
      if (status === 200) break; // the ingest needs fewer operations than `at`: every point was covered
      expect(status).toBeNull();
      expect(await doomed.exited).toBe(null); // killed by a signal, not an exit
      crashes += 1;

      const restarted = await start(dir);
      expect(await presence(restarted.url, batch)).not.toBe('partial');
      expect(await tempFiles(dir)).toEqual([]);
      // The client never got a 2xx, so it resends: then everything is there, once.
      expect(await post(restarted.url, batch)).toBe(200);
      expect(await presence(restarted.url, batch)).toBe('all');
      const chunkFiles = (await listFiles(dir)).filter((f) => f.includes('/chunks/'));
      expect(chunkFiles).toHaveLength(batch.chunks.length);
      await restarted.kill('SIGTERM');
    }
    // The sweep really hit the log append and its sync, the chunk files and the drop log.
    expect(crashes).toBeGreaterThanOrEqual(8);
    console.log(`[crash] killed at each of ${crashes} file operations of one batch`);
  }, 400_000); // 13 kill points, each a server start: minutes on a loaded 2-core machine, and a slow machine is no failure

  it('under concurrent uploads (the same batch twice at once, too): every acknowledged batch survives, none is partial', async () => {
    const dir = await servers.tempDir();
    const sent: Batch[] = [];
    const acked = new Set<string>();
    await enrolled(dir, twoSessionBatch().installId);
    for (let round = 0; round < 3; round++) {
      const server = await start(dir);
      // Four writers, each sending its batch twice concurrently; killed after a varying share of the work.
      let stop = false;
      const writer = async () => {
        while (!stop) {
          const batch = twoSessionBatch();
          sent.push(batch);
          const statuses = await Promise.all([post(server.url, batch), post(server.url, batch)]);
          if (statuses.some((s) => s === 200)) acked.add(batch.batchId);
          if (statuses.some((s) => s === null)) return;
        }
      };
      const writers = Promise.all([writer(), writer(), writer(), writer()]);
      await new Promise((resolve) => setTimeout(resolve, 150 + round * 150));
      await server.kill('SIGKILL');
      stop = true;
      await writers;
    }

    const restarted = await start(dir);
    expect(await tempFiles(dir)).toEqual([]);
    for (const batch of sent) {
      const state = await presence(restarted.url, batch);
      expect(state, `batch ${batch.batchId}`).not.toBe('partial');
      if (acked.has(batch.batchId)) expect(state, `acknowledged batch ${batch.batchId}`).toBe('all');
    }
    // Resending everything (as clients do for what was not acknowledged) stores each chunk once.
    for (const batch of sent) expect(await post(restarted.url, batch)).toBe(200);
    for (const batch of sent) expect(await presence(restarted.url, batch)).toBe('all');
    const chunkFiles = (await listFiles(dir)).filter((f) => f.includes('/chunks/'));
    expect(chunkFiles).toHaveLength(sent.length * 4);
    expect(acked.size).toBeGreaterThan(0);
    expect(acked.size).toBeLessThan(sent.length);
    const sessions = await readdir(join(dir, 'sessions'));
    expect(sessions).toHaveLength(sent.length * 2);
  }, 400_000); // 13 kill points, each a server start: minutes on a loaded 2-core machine, and a slow machine is no failure
});
