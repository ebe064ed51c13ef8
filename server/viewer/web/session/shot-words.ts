import type { ShotTrigger } from '../../../../lib/schema/screenshot';
import { formatClock } from '../../../../lib/rules/format/format-quantities';
import type { ShotMark } from './shot-marks';

const TRIGGER_WORDS: Record<ShotTrigger, string> = {
  'before-action': 'taken before an action',
  'after-action': 'taken after an action',
  periodic: 'periodic',
};

/** "Screenshot at 0:12.3, taken before an action": a thumbnail's accessible name. */
export function shotLabel(mark: ShotMark): string {
  return `Screenshot at ${formatClock(mark.offset, true)}, ${TRIGGER_WORDS[mark.shot.trigger]}`;
}

/** Within this of the playhead, a shot is "at" it. */
const AT_MS = 50;

/** How far the shot is from the playhead: "at the playhead", "1.2 s before the playhead". */
export function shotGap(offset: number, time: number): string {
  const gap = offset - time;
  if (Math.abs(gap) < AT_MS) return 'at the playhead';
  return `${(Math.abs(gap) / 1000).toFixed(1)} s ${gap < 0 ? 'before' : 'after'} the playhead`;
}

export const triggerWords = (trigger: ShotTrigger): string => TRIGGER_WORDS[trigger]!;
