import { bisect, type ShotMark } from './shot-marks';

/** An action's own screenshots: the one taken just before it and the one after it settled (null: none). */
export interface ActionShots {
  before: ShotMark | null;
  after: ShotMark | null;
}

/** A before-action shot is asked for at the pointerdown or keydown at most this long before the action it belongs to. */
export const BEFORE_MS = 2000;
/** An after-action shot is taken after the first 300 ms of quiet, at most 2 s after the action (and some slack for the capture). */
export const AFTER_MS = 3000;

/**
 * Each action's before/after shots. A before-action shot belongs to the
 * action whose time is the first at or after its trigger (requestedAt), when
 * that is at most BEFORE_MS later; an after-action shot to the last action at
 * or before the moment it was taken, when that is at most AFTER_MS earlier.
 * Periodic shots belong to no action. A shot pairs only with actions of its
 * own page (`actionPages`; an action whose page is not known, from a server
 * before it said, may pair with any). `actionOffsets` and the marks are on
 * the same clock; marks ascend.
 */
export function actionShots(
  actionOffsets: readonly number[],
  marks: readonly ShotMark[],
  origin: number,
  actionPages: ReadonlyArray<number | undefined> = [],
): ActionShots[] {
  const out: ActionShots[] = actionOffsets.map(() => ({ before: null, after: null }));
  const groups = new Map<number, { order: number[]; sorted: number[] }>();
  const groupOf = (page: number) => {
    let g = groups.get(page);
    if (!g) {
      const order = actionOffsets
        .map((_, i) => i)
        .filter((i) => actionPages[i] === undefined || actionPages[i] === page)
        .sort((a, b) => actionOffsets[a]! - actionOffsets[b]! || a - b);
      groups.set(page, (g = { order, sorted: order.map((i) => actionOffsets[i]!) }));
    }
    return g;
  };
  for (const mark of marks) {
    const { order, sorted } = groupOf(mark.shot.page);
    if (mark.shot.trigger === 'before-action') {
      const requested = mark.shot.requestedAt - origin;
      const k = bisect(sorted, requested, false);
      // The latest wins (a retried capture replaces the first try).
      if (k < sorted.length && sorted[k]! - requested <= BEFORE_MS) out[order[k]!]!.before = mark;
    } else if (mark.shot.trigger === 'after-action') {
      const k = bisect(sorted, mark.offset, true) - 1;
      // The first wins: the page as the action left it.
      if (k >= 0 && mark.offset - sorted[k]! <= AFTER_MS) out[order[k]!]!.after ??= mark;
    }
  }
  return out;
}
