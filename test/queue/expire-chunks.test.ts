import 'fake-indexeddb/auto';
import { buildChunk } from '../support/builders';
import { describe, expect, it } from 'vitest';
import { appendChunk, expireChunks, getQueueStats, openQueueDb } from '../../lib/queue';
import type { Chunk } from '../../lib/schema/chunk';

const chunk = (seq: number): Chunk => buildChunk({ seq, site: 'https://a.example', url: 'https://a.example/' });

describe('expireChunks', () => {
  it('deletes only chunks queued before the cutoff, and counts them and their bytes', async () => {
    const db = await openQueueDb(`t-${crypto.randomUUID()}`);
    await appendChunk(db, chunk(0), 1_000);
    await appendChunk(db, chunk(1), 2_000);
    await appendChunk(db, chunk(2), 3_000);
    const before = await getQueueStats(db);
    expect(await expireChunks(db, 2_500)).toBe(2);
    const after = await getQueueStats(db);
    expect(after.pendingChunks).toBe(1);
    expect(after.counters.chunksExpired).toBe(2);
    expect(after.pendingBytes).toBeGreaterThan(0);
    expect(after.pendingBytes).toBeLessThan(before.pendingBytes);
    expect(await expireChunks(db, 2_500)).toBe(0);
  });
});
