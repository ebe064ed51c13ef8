import type { ActionType } from '../../../../lib/schema/action';

/** Marks that fall in one pixel column of the timeline, drawn as one mark. */
export interface MarkBucket {
  column: number;
  /** Index of the first action in the column (what clicking the mark selects). */
  first: number;
  count: number;
  type: ActionType | 'mixed';
}

/**
 * Coalesces action marks by column so the timeline draws at most `columns`
 * marks however many actions there are (tens of thousands stay cheap).
 */
export function bucketMarks(offsets: readonly number[], types: readonly ActionType[], duration: number, columns: number): MarkBucket[] {
  const buckets = new Map<number, MarkBucket>();
  const span = Math.max(1, duration);
  const cols = Math.max(1, Math.floor(columns));
  offsets.forEach((offset, i) => {
    const column = Math.min(cols - 1, Math.max(0, Math.floor((offset / span) * cols)));
    const type = types[i]!;
    const bucket = buckets.get(column);
    if (!bucket) buckets.set(column, { column, first: i, count: 1, type });
    else {
      bucket.count += 1;
      if (offset < offsets[bucket.first]!) bucket.first = i;
      if (bucket.type !== type) bucket.type = 'mixed';
    }
  });
  return [...buckets.values()].sort((a, b) => a.column - b.column);
}

/** The bucket nearest to a column, within `reach` columns; null when none is that close. */
export function nearestBucket(buckets: readonly MarkBucket[], column: number, reach: number): MarkBucket | null {
  let best: MarkBucket | null = null;
  for (const b of buckets) {
    const d = Math.abs(b.column - column);
    if (d <= reach && (!best || d < Math.abs(best.column - column))) best = b;
  }
  return best;
}
