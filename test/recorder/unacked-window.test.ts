import { buildChunk } from '../support/builders';
import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../lib/schema/chunk';
import { leaveStash, MAX_STASH_BYTES } from '../../lib/recorder/recorder-stash';
import { createUnackedWindow, MAX_REPORTED_RANGES } from '../../lib/recorder/unacked-window';
import { storedRecorderStashSchema } from '../../lib/schema/recorder-port';
import { RECORDER_STASH_PREFIX } from '../../lib/schema/storage-keys';

const chunk = (seq: number): Chunk => buildChunk({ seq });

describe('the window of unacknowledged chunks', () => {
  it('past its chunk cap lets the oldest go, counts them and reports them until a carrying chunk is acknowledged', () => {
    const w = createUnackedWindow({ maxChunks: 2, maxBytes: 1_000 });
    for (const seq of [0, 1, 2, 3]) w.add(chunk(seq), 'x'.repeat(10));
    expect(w.all().map((h) => h.chunk.seq)).toEqual([2, 3]);
    expect(w.counts).toEqual({ dropped: 2, peakUnacked: 2, peakUnackedBytes: 20 });
    expect(w.drops).toEqual([{ fromSeq: 0, toSeq: 1 }]);
    // Chunk 2 is posted carrying the report; its ack means the worker stored it.
    expect(w.carry(w.all()[0]!)).toEqual([{ fromSeq: 0, toSeq: 1 }]);
    expect(w.acknowledge(3)).toBe(true);
    expect(w.drops).toHaveLength(1);
    expect(w.acknowledge(2)).toBe(true);
    expect(w.drops).toEqual([]);
    expect(w.acknowledge(2)).toBe(false);
    expect([w.size, w.bytes]).toEqual([0, 0]);
  });

  it('keeps the newest chunk whatever its size, and widens old ranges rather than report more than the port carries', () => {
    const w = createUnackedWindow({ maxChunks: 1_000, maxBytes: 100 });
    w.add(chunk(0), 'x'.repeat(500));
    expect(w.size).toBe(1);
    const many = createUnackedWindow({ maxChunks: 1, maxBytes: 1_000 });
    // Every other seq is held and then dropped: each drop is a range of its own until widened.
    for (let seq = 0; seq < 2 * (MAX_REPORTED_RANGES + 5); seq += 2) many.add(chunk(seq), 'x'.repeat(1));
    expect(many.drops.length).toBe(MAX_REPORTED_RANGES);
    expect(many.drops[0]!.fromSeq).toBe(0);
  });

  it('forgets a rejected chunk without touching the report', () => {
    const w = createUnackedWindow({ maxChunks: 1, maxBytes: 1_000 });
    w.add(chunk(0), 'x'.repeat(1));
    w.add(chunk(1), 'x'.repeat(1));
    expect(w.forget(1)).toBe(true);
    expect(w.drops).toEqual([{ fromSeq: 0, toSeq: 0 }]);
  });
});

describe('the page-end stash', () => {
  it("holds the newest chunks within its budget and the drop report, under the page's key", () => {
    const w = createUnackedWindow({ maxChunks: 10, maxBytes: 100 * 1024 * 1024 });
    w.add(chunk(0), 'x'.repeat(MAX_STASH_BYTES));
    w.add(chunk(1), 'x'.repeat(10));
    w.add(chunk(2), 'x'.repeat(10));
    const written: Array<[string, string]> = [];
    leaveStash(w, 'load-1', (key, value) => written.push([key, value]));
    expect(written.map(([k]) => k)).toEqual([`${RECORDER_STASH_PREFIX}load-1`]);
    const stash = storedRecorderStashSchema.parse(written[0]![1]);
    expect(stash.chunks.map((c) => c.seq)).toEqual([1, 2]);
  });

  it('writes nothing when nothing waits', () => {
    const written: string[] = [];
    leaveStash(createUnackedWindow({ maxChunks: 1, maxBytes: 1 }), 'load-1', (key) => written.push(key));
    expect(written).toEqual([]);
  });
});
