import { describe, expect, it } from 'vitest';
import type { ActionType } from '../../lib/schema/action';
import { bucketMarks, nearestBucket } from '../../server/viewer/web/session/mark-buckets';

describe('timeline marks', () => {
  it('draws one mark per column, naming the earliest action in it and whether types are mixed', () => {
    const buckets = bucketMarks([0, 5, 150, 999, 1000], ['click', 'click', 'type', 'scroll', 'key'], 1000, 10);
    expect(buckets).toEqual([
      { column: 0, first: 0, count: 2, type: 'click' },
      { column: 1, first: 2, count: 1, type: 'type' },
      { column: 9, first: 3, count: 2, type: 'mixed' },
    ]);
    // Out of time order in the list: the mark still chooses the earliest.
    expect(bucketMarks([5, 0], ['click', 'click'], 1000, 10)[0]!.first).toBe(1);
  });

  it('bounds the number of marks by the columns, whatever the number of actions', () => {
    const n = 40_000;
    const offsets = Array.from({ length: n }, (_, i) => i * 25);
    const types = Array.from({ length: n }, (): ActionType => 'click');
    const buckets = bucketMarks(offsets, types, n * 25, 600);
    expect(buckets).toHaveLength(600);
    expect(buckets.reduce((s, b) => s + b.count, 0)).toBe(n);
  });

  it('finds the nearest mark within reach, and none beyond it', () => {
    const buckets = bucketMarks([100, 500], ['click', 'type'], 1000, 100);
    expect(nearestBucket(buckets, 12, 3)?.first).toBe(0);
    expect(nearestBucket(buckets, 48, 3)?.first).toBe(1);
    expect(nearestBucket(buckets, 30, 3)).toBeNull();
  });
});
