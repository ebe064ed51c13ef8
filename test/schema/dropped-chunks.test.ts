import { describe, expect, it } from 'vitest';
import { buildBatch, buildChunk, SESSION_A } from '../support/builders';
import { batchSchema } from '../../lib/schema/batch';
import { addSeqRange, countSeqs, droppedChunksSchema, subtractSeqRanges, unionSeqRanges } from '../../lib/schema/dropped-chunks';

const r = (fromSeq: number, toSeq: number | null) => ({ fromSeq, toSeq });

describe('sequence ranges', () => {
  it('adds single numbers, merging neighbours', () => {
    let list = addSeqRange([], 5);
    list = addSeqRange(list, 7);
    expect(list).toEqual([r(5, 5), r(7, 7)]);
    list = addSeqRange(list, 6);
    expect(list).toEqual([r(5, 7)]);
    expect(addSeqRange(list, 6)).toEqual([r(5, 7)]);
  });

  it('unites and subtracts, also unbounded ranges', () => {
    expect(unionSeqRanges([r(0, 2)], [r(10, null), r(3, 4)])).toEqual([r(0, 4), r(10, null)]);
    expect(subtractSeqRanges([r(0, 10)], [r(3, 4), r(8, 20)])).toEqual([r(0, 2), r(5, 7)]);
    expect(subtractSeqRanges([r(5, null)], [r(7, 9)])).toEqual([r(5, 6), r(10, null)]);
    expect(subtractSeqRanges([r(5, null)], [r(0, null)])).toEqual([]);
    expect(subtractSeqRanges([r(5, null)], [r(5, null)])).toEqual([]);
    expect(subtractSeqRanges([r(1, 3)], [])).toEqual([r(1, 3)]);
  });

  it('counts numbers, an unbounded range as its first only', () => {
    expect(countSeqs([r(0, 2), r(5, 5), r(9, null)])).toBe(5);
  });
});

describe('drop reports in a batch', () => {
  const report = { sessionId: SESSION_A, page: 0, fromSeq: 3, toSeq: 4, reason: 'recorder-overflow', at: 1 };
  it('accepts any short reason and refuses an inverted range', () => {
    expect(droppedChunksSchema.safeParse({ ...report, reason: 'some-future-reason' }).success).toBe(true);
    expect(droppedChunksSchema.safeParse({ ...report, toSeq: 2 }).success).toBe(false);
    expect(droppedChunksSchema.safeParse({ ...report, toSeq: null }).success).toBe(true);
  });

  it('is optional in a batch, so older extensions and servers interoperate', () => {
    const batch = buildBatch([buildChunk({ sessionId: report.sessionId })]);
    expect(batchSchema.safeParse(batch).success).toBe(true);
    expect(batchSchema.parse({ ...batch, dropped: [report] }).dropped).toEqual([report]);
  });
});
