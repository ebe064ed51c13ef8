import type { ShotTrigger } from '../../schema/screenshot';
import { AFTER_QUIET_MS } from './shot-schedule';

/**
 * A step's captured shot is at most this long before its action (exporter/shots/choose-shot.ts): an
 * older shot may miss what changed on its own. Here because the worker's skips must keep to it.
 */
export const CAPTURE_MAX_GAP_MS = 2000;

/**
 * A before-action shot is skipped only if the last one is at most this old at the pointerdown or
 * keydown: the exporter measures the gap from the action (a click lands at pointerup, later), so
 * this leaves 500 ms for the press.
 */
export const SKIP_MAX_AGE_MS = CAPTURE_MAX_GAP_MS - 500;

/** What the last stored shot of a page shows: when it was taken, and the page's epoch (null: not one epoch throughout). */
export interface ShownState {
  takenAt: number;
  epoch: number | null;
}

/**
 * Whether the page's state at an action (its change epoch, lib/recorder/shot-regions/page-motion.ts)
 * is already in the last stored shot, so a before-action shot would add nothing: the page has not
 * changed since, and that shot is one the exporter would pair with this step, i.e. taken after the
 * previous action had settled (its click or key may land after its trigger) and recently enough.
 */
export function beforeShotShown(
  last: ShownState | null,
  action: { at: number; epoch: number | undefined; previousAt: number | null },
): boolean {
  if (!last || last.epoch === null || action.epoch !== last.epoch) return false;
  if (action.previousAt !== null && last.takenAt < action.previousAt + AFTER_QUIET_MS) return false;
  return action.at - last.takenAt <= SKIP_MAX_AGE_MS;
}

/**
 * Whether a due after-action or periodic shot would add nothing: the page's epoch at its first
 * region report is the one the last stored shot shows (the action changed nothing, or nothing
 * changed since the last shot). A before-action shot is decided at its trigger (beforeShotShown).
 */
export function dueShotShown(trigger: ShotTrigger, epoch: number, last: ShownState | null): boolean {
  return trigger !== 'before-action' && last !== null && last.epoch === epoch;
}
