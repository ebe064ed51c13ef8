import { CAPTURE_MAX_GAP_MS } from '../../lib/rules/screenshots/shown-state';
import type { StoredShot } from '../../lib/schema/screenshot';

/**
 * Which captured shot (issue 15) shows a step: the latest shot of the
 * action's page taken in the step's window, which is
 * - at or before the step's observation instant (the action, or the first
 *   input or scroll event of the typing or scrolling it reports: a shot taken
 *   later could show the page part-way through the action);
 * - no earlier than the previous action of the episode (an earlier shot shows
 *   the page before that action had its effect);
 * - at most CAPTURE_MAX_GAP_MS before the action (an older shot may miss what
 *   changed on its own: a spinner, a toast, a late-loading list).
 * No shot in the window: the step uses the replay rendering. (The worker skips a
 * before-action shot only when the last one fits this window: lib/rules/screenshots/shown-state.ts.)
 */
export { CAPTURE_MAX_GAP_MS };

export interface ShotWindow {
  /** The page (of the session) the action happened on. */
  page: number;
  /** The action's time (epoch ms): the gap is measured from here. */
  actionT: number;
  /** The step's observation instant (<= actionT). */
  at: number;
  /** The previous action's time in the episode; null for the first step. */
  previousT: number | null;
}

/** The chosen shot and its gap (action time minus shot time, ms), or null. */
export function chooseShot(
  shots: readonly StoredShot[],
  w: ShotWindow,
  maxGapMs = CAPTURE_MAX_GAP_MS,
): { shot: StoredShot; gapMs: number } | null {
  const earliest = Math.max(w.actionT - maxGapMs, w.previousT ?? -Infinity);
  const latest = Math.min(w.at, w.actionT);
  let best: StoredShot | null = null;
  for (const shot of shots) {
    if (shot.page !== w.page || shot.takenAt < earliest || shot.takenAt > latest) continue;
    // The latest wins; at the same instant, the one taken for this very action.
    if (!best || shot.takenAt > best.takenAt || (shot.takenAt === best.takenAt && rank(shot) < rank(best))) best = shot;
  }
  return best ? { shot: best, gapMs: Math.round(w.actionT - best.takenAt) } : null;
}

const RANK = { 'before-action': 0, 'after-action': 1, periodic: 2 } as const;
const rank = (s: StoredShot): number => RANK[s.trigger];
