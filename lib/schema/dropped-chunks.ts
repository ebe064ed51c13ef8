import { z } from 'zod';
import { chunkKeySchema } from './chunk';

/**
 * Chunks the extension had to drop before they reached the server, reported so
 * that a gap in a session's sequence numbers is explained rather than silent.
 * A range is inclusive; `toSeq: null` means "to the end of the page" (the
 * recorder was stopped there).
 */
export const DROP_REASONS = {
  /** The recorder held too many unacknowledged chunks (the worker did not answer) and let the oldest go. */
  recorderOverflow: 'recorder-overflow',
  /** Local storage was over its cap, so the rest of the page was not recorded. */
  storageFull: 'storage-full',
  /** Queued longer than the retention period, deleted unsent. */
  expired: 'expired',
  /** IndexedDB could not store it (the browser refused the value), so it was never queued. */
  unstorable: 'unstorable',
} as const;

const seq = chunkKeySchema.shape.seq;

/** A run of a page's sequence numbers, as the recorder reports it to the worker. */
export const seqRangeSchema = z
  .object({ fromSeq: seq, toSeq: seq.nullable() })
  .refine((r) => r.toSeq === null || r.toSeq >= r.fromSeq, 'toSeq must not be below fromSeq');
export type SeqRange = z.infer<typeof seqRangeSchema>;

export const droppedChunksSchema = z
  .object({
    sessionId: chunkKeySchema.shape.sessionId,
    page: chunkKeySchema.shape.page,
    fromSeq: seq,
    toSeq: seq.nullable(),
    /** One of DROP_REASONS; any short string is accepted so a newer extension never gets a batch refused for it. */
    reason: z.string().min(1).max(100),
    at: z.number(),
  })
  .refine((r) => r.toSeq === null || r.toSeq >= r.fromSeq, 'toSeq must not be below fromSeq');
export type DroppedChunks = z.infer<typeof droppedChunksSchema>;

/** Drop reports carried by one batch at most. */
export const MAX_DROP_REPORTS_PER_BATCH = 100;

/** Whether seq falls in the range. */
export const rangeHas = (r: SeqRange, s: number): boolean => s >= r.fromSeq && (r.toSeq === null || s <= r.toSeq);

/*
 * Arithmetic on sets of sequence numbers written as sorted, disjoint, merged
 * ranges (null: unbounded). Pure; shared by the recorder and the queue.
 */
type Span = [number, number]; // inclusive, Infinity for null
const toSpans = (list: readonly SeqRange[]): Span[] => list.map((r): Span => [r.fromSeq, r.toSeq ?? Infinity]).sort((a, b) => a[0] - b[0]);
const fromSpans = (spans: readonly Span[]): SeqRange[] => spans.map(([a, b]) => ({ fromSeq: a, toSeq: b === Infinity ? null : b }));

function merge(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const [a, b] of spans) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** The union, normalized. */
export function unionSeqRanges(a: readonly SeqRange[], b: readonly SeqRange[]): SeqRange[] {
  return fromSpans(merge(toSpans([...a, ...b])));
}

/** `list` with one more sequence number. */
export const addSeqRange = (list: readonly SeqRange[], seq: number): SeqRange[] => unionSeqRanges(list, [{ fromSeq: seq, toSeq: seq }]);

/** What is in `a` and not in `b`, normalized. */
export function subtractSeqRanges(a: readonly SeqRange[], b: readonly SeqRange[]): SeqRange[] {
  const cut = merge(toSpans(b));
  const out: Span[] = [];
  for (const [start, to] of merge(toSpans(a))) {
    let from = start;
    for (const [x, y] of cut) {
      if (y < from || x > to) continue;
      if (x > from) out.push([from, x - 1]);
      from = y + 1; // Infinity when the cut is unbounded: nothing is left
      if (from > to || from === Infinity) break;
    }
    if (from <= to && from !== Infinity) out.push([from, to]);
  }
  return fromSpans(out);
}

/** How many sequence numbers the ranges hold; an unbounded range counts its first only (at least that went). */
export const countSeqs = (list: readonly SeqRange[]): number =>
  list.reduce((n, r) => n + (r.toSeq === null ? 1 : r.toSeq - r.fromSeq + 1), 0);
