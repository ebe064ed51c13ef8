import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTION_EVENT_TAG } from '../../lib/schema/action';
import { sessionActionsSchema, sessionCompletenessSchema, sessionEventsPageSchema } from '../../lib/schema/read-api';
import { applyChunk, type StoredChunk, type StoredMeta } from '../../server/store/records';
import { legacyChunkFileName } from '../../server/store/store-paths';
import type { ServerProcess } from '../../e2e/support/server-process';
import { readFrom, useSpawnedServers } from '../support/spawned-server';
import { makeAction } from './fixtures';

/**
 * Probe: a session far larger than the server's heap, read through every
 * endpoint of the read API by a server started with a small heap
 * (--max-old-space-size). Memory must follow the page or chunk size, not the
 * session's: every answer is complete and the server is still up. (Before the
 * fix `/actions`, `/completeness` and unpaged `/events` loaded the whole
 * session and the server died of heap exhaustion.)
 */
const HEAP_MB = 64;
const CHUNKS = 320;
const CHUNK_BYTES = 1024 * 1024;
const EVENTS_PER_CHUNK = 8;
const T0 = 1_700_000_000_000;

const servers = useSpawnedServers('all');
let server: ServerProcess;
const sessionId = randomUUID();

/** Writes the session as the store would have: chunk files and a matching meta.json. */
async function writeLargeSession(root: string): Promise<void> {
  const chunksDir = join(root, 'sessions', sessionId, 'chunks');
  await mkdir(chunksDir, { recursive: true });
  const filler = 'x'.repeat(Math.floor(CHUNK_BYTES / EVENTS_PER_CHUNK));
  let meta: StoredMeta | null = null;
  for (let seq = 0; seq < CHUNKS; seq++) {
    const t = T0 + seq * 1000;
    const events = Array.from({ length: EVENTS_PER_CHUNK }, (_, i) => ({
      type: 3,
      timestamp: t + i,
      data: { source: 0, texts: [{ id: 1, value: filler }], attributes: [], removes: [], adds: [] },
    }));
    events.push({ type: 5, timestamp: t + 100, data: { tag: ACTION_EVENT_TAG, payload: makeAction('click', t + 100) } } as never);
    if (seq === CHUNKS - 1)
      events.push({ type: 5, timestamp: t + 200, data: { tag: 'webtrace.page-end', payload: { reason: 'pagehide' } } } as never);
    const chunk: StoredChunk = {
      sessionId,
      page: 0,
      seq,
      site: 'http://localhost:5173',
      url: 'http://localhost:5173/big',
      events,
      batchId: `batch_${seq.toString().padStart(8, '0')}`,
      installId: randomUUID(),
      orgId: null,
      extensionVersion: '0.1.0',
    };
    const text = JSON.stringify(chunk);
    // Written as stores before compression did: the server must still read them.
    await writeFile(join(chunksDir, legacyChunkFileName(chunk)), text);
    meta = applyChunk(meta, chunk, Buffer.byteLength(text));
  }
  await writeFile(join(root, 'sessions', sessionId, 'meta.json'), JSON.stringify(meta));
}

/** Peak resident memory of a process (VmHWM), in MB. */
async function peakRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

const get = (path: string) => readFrom(server.url, path);

beforeAll(async () => {
  const dir = await servers.tempDir();
  await writeLargeSession(dir);
  server = await servers.start({ dataDir: dir, nodeArgs: [`--max-old-space-size=${HEAP_MB}`] });
}, 120_000);

describe(`a ${CHUNKS} MB session read by a server with a ${HEAP_MB} MB heap`, () => {
  it('streams every event of the whole session', async () => {
    const res = await get(`/v1/sessions/${sessionId}/events`);
    expect(res.status).toBe(200);
    // Counted as it arrives: the test holds no more of it than the server does.
    let bytes = 0;
    let events = 0;
    let carry = '';
    let head = '';
    const decoder = new TextDecoder();
    for await (const part of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += part.byteLength;
      const text = carry + decoder.decode(part, { stream: true });
      if (head.length < 20) head += text.slice(0, 20);
      events += text.split('"timestamp":').length - 1;
      carry = text.slice(-12);
      events -= carry.split('"timestamp":').length - 1; // counted again with the next part
    }
    events += carry.split('"timestamp":').length - 1;
    expect(head.startsWith('[{"type":3')).toBe(true);
    expect(carry.endsWith(']')).toBe(true);
    expect(events).toBe(CHUNKS * (EVENTS_PER_CHUNK + 1) + 1);
    expect(bytes).toBeGreaterThan(CHUNKS * CHUNK_BYTES * 0.9);
    console.log(
      `[large-session] /events streamed ${(bytes / 1e6).toFixed(0)} MB; server peak RSS ${(await peakRssMb(server.pid)).toFixed(0)} MB`,
    );
  }, 120_000);

  it('serves its actions, its completeness and pages of its events', async () => {
    const actions = sessionActionsSchema.parse(await (await get(`/v1/sessions/${sessionId}/actions`)).json()).actions;
    expect(actions).toHaveLength(CHUNKS);
    const report = sessionCompletenessSchema.parse(await (await get(`/v1/sessions/${sessionId}/completeness`)).json());
    expect(report).toMatchObject({
      complete: true,
      gaps: [],
      openPages: [],
      pages: [{ page: 0, chunks: CHUNKS, lastSeq: CHUNKS - 1, ended: true }],
    });
    const page = sessionEventsPageSchema.parse(
      await (await get(`/v1/sessions/${sessionId}/events?offset=${100 * (EVENTS_PER_CHUNK + 1)}&limit=20`)).json(),
    );
    expect(page.events).toHaveLength(20);
    expect(page.events[0]!.timestamp).toBe(T0 + 100_000);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    console.log(
      `[large-session] after /actions, /completeness, pages: server peak RSS ${(await peakRssMb(server.pid)).toFixed(0)} MB (heap capped at ${HEAP_MB} MB)`,
    );
  }, 120_000);
});
