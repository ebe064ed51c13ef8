import { subtractSeqRanges, type DroppedChunks, type SeqRange } from '../../lib/schema/dropped-chunks';
import type { ChunkGap, SessionCompleteness } from '../../lib/schema/read-api';

/** What completeness needs to know of one stored chunk. */
export interface StoredChunkInfo {
  page: number;
  seq: number;
  /** It carries the recorder's page-end marker. */
  ended: boolean;
}

const intersect = (a: readonly SeqRange[], b: readonly SeqRange[]) => subtractSeqRanges(a, subtractSeqRanges(a, b));

/**
 * A session's completeness from its stored chunk keys and the devices' drop
 * reports. Pages count from 0 and seqs within a page from 0, so a missing
 * number below the highest one seen is a gap; a page is over when a chunk
 * carries the page-end marker (or the device reported dropping its tail).
 * Missing chunks are attributed to a drop report's reason where one covers
 * them, else left unexplained (reason null). Pure.
 */
export function sessionCompleteness(id: string, chunks: readonly StoredChunkInfo[], drops: readonly DroppedChunks[]): SessionCompleteness {
  const pages = new Map<number, { seqs: number[]; ended: boolean }>();
  for (const c of chunks) {
    const p = pages.get(c.page) ?? { seqs: [], ended: false };
    p.seqs.push(c.seq);
    p.ended ||= c.ended;
    pages.set(c.page, p);
  }
  const dropsOf = (page: number) => drops.filter((d) => d.page === page);
  // Page 0 always belongs to a session: one with no chunk yet (only its shots arrived) is missing it.
  const lastPage = Math.max(0, ...pages.keys(), ...drops.map((d) => d.page));

  const result: SessionCompleteness = { id, complete: true, pages: [], gaps: [], openPages: [] };
  for (let page = 0; page <= lastPage; page++) {
    const info = pages.get(page);
    const pageDrops = dropsOf(page);
    if (!info) {
      result.pages.push({ page, chunks: 0, lastSeq: null, ended: false });
      result.gaps.push(...explain(page, [{ fromSeq: 0, toSeq: null }], pageDrops));
      continue;
    }
    const seqs = [...new Set(info.seqs)].sort((a, b) => a - b);
    const last = seqs[seqs.length - 1]!;
    const held = seqs.map((s) => ({ fromSeq: s, toSeq: s }));
    const missing = subtractSeqRanges([{ fromSeq: 0, toSeq: last }], held);
    // Past the last stored chunk only what the device reported can be known.
    const tail = intersect([{ fromSeq: last + 1, toSeq: null }], pageDrops);
    const ended = info.ended || tail.some((r) => r.toSeq === null);
    result.pages.push({ page, chunks: seqs.length, lastSeq: last, ended });
    result.gaps.push(...explain(page, [...missing, ...tail], pageDrops));
    if (!ended) result.openPages.push(page);
  }
  result.complete = result.gaps.length === 0 && result.openPages.length === 0;
  return result;
}

/** Splits missing ranges by the drop reports covering them (first report wins), the rest unexplained. */
function explain(page: number, missing: readonly SeqRange[], drops: readonly DroppedChunks[]): ChunkGap[] {
  let rest: SeqRange[] = [...missing];
  const out: ChunkGap[] = [];
  for (const d of drops) {
    const range = [{ fromSeq: d.fromSeq, toSeq: d.toSeq }];
    for (const r of intersect(rest, range)) out.push({ page, ...r, reason: d.reason });
    rest = subtractSeqRanges(rest, range);
  }
  for (const r of rest) out.push({ page, ...r, reason: null });
  return out.sort((a, b) => a.fromSeq - b.fromSeq);
}
