import type { StoredShot } from '../../../../lib/schema/screenshot';

/** A captured screenshot (issue 15) as the viewer shows it: on the replay's clock, with where its image is. */
export interface ShotMark {
  shot: StoredShot;
  /** Milliseconds since the session's start, the player's clock. */
  offset: number;
  url: string;
}

/** The shots on the replay's clock, in time order. */
export function shotMarks(shots: ReadonlyArray<{ shot: StoredShot; url: string }>, origin: number): ShotMark[] {
  return shots
    .map(({ shot, url }) => ({ shot, offset: Math.max(0, shot.takenAt - origin), url }))
    .sort((a, b) => a.offset - b.offset || a.shot.page - b.shot.page);
}

/** How many of the ascending `sorted` are below `t` (or at it too, with `orAt`): where `t` would be inserted. */
export function bisect(sorted: readonly number[], t: number, orAt: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < t || (orAt && sorted[mid] === t)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of the offset nearest `time` (the earlier one on a tie); -1 when there are none. `offsets` ascend. */
export function nearestShot(offsets: readonly number[], time: number): number {
  if (offsets.length === 0) return -1;
  const lo = bisect(offsets, time, true);
  if (lo === 0) return 0;
  if (lo === offsets.length) return lo - 1;
  return time - offsets[lo - 1]! <= offsets[lo]! - time ? lo - 1 : lo;
}

export interface StripLayout {
  /** Each thumbnail's left edge (px). */
  lefts: number[];
  /** The strip's scrollable width (px). */
  width: number;
}

/**
 * Thumbnails placed by time: each at its time's place on a strip at least
 * `stripPx` wide, moved right only as far as it must not to cover the one
 * before it (so they stay in order, none hidden, and a dense stretch scrolls).
 */
export function placeThumbs(
  offsets: readonly number[],
  duration: number,
  f: { stripPx: number; thumbPx: number; gapPx: number },
): StripLayout {
  const span = Math.max(1, f.stripPx - f.thumbPx);
  const lefts: number[] = [];
  let next = 0;
  for (const offset of offsets) {
    const left = Math.max(next, Math.round((Math.min(Math.max(offset, 0), duration) / Math.max(1, duration)) * span));
    lefts.push(left);
    next = left + f.thumbPx + f.gapPx;
  }
  return { lefts, width: Math.max(f.stripPx, (lefts.at(-1) ?? 0) + f.thumbPx) };
}
