/**
 * Sets of a page's chunk sequence numbers as ranges (lib/schema/dropped-chunks.ts has the schema),
 * without zod: the recorder uses them at every chunk.
 */
/** lib/schema/dropped-chunks.ts's SeqRange (its schema's type), spelled out so this module imports no schema. */
type SeqRange = { fromSeq: number; toSeq: number | null };

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
