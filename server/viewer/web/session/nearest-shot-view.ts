import { formatClock } from '../../../../lib/rules/format/format-quantities';
import { h } from '../dom';
import { nearestShot, type ShotMark } from './shot-marks';
import { shotGap, shotLabel, triggerWords } from './shot-words';

export interface NearestShotView {
  readonly element: HTMLElement;
  setShots(marks: readonly ShotMark[]): void;
  setTime(ms: number): void;
}

/** Beside the replay: the screenshot taken nearest the playhead, how far from it and why it was taken. Hidden without shots. */
export function createNearestShot(): NearestShotView {
  let marks: readonly ShotMark[] = [];
  let offsets: number[] = [];
  let shown: ShotMark | null = null;
  const img = h('img', { class: 'shot-image', alt: '' });
  const when = h('span', { class: 'shot-when' });
  const gap = h('span', { class: 'shot-gap' });
  const trigger = h('span', { class: 'shot-trigger' });
  const element = h(
    'figure',
    { class: 'shot-nearest', 'aria-label': 'Screenshot nearest the playhead', hidden: true },
    img,
    h('figcaption', null, when, ' ', gap, ', ', trigger),
  );
  return {
    element,
    setShots(next) {
      marks = next;
      offsets = marks.map((m) => m.offset);
      shown = null;
      element.hidden = marks.length === 0;
    },
    setTime(ms) {
      const mark = marks[nearestShot(offsets, ms)];
      if (!mark) return;
      if (mark !== shown) {
        shown = mark;
        img.src = mark.url;
        img.alt = shotLabel(mark);
        when.textContent = `Screenshot at ${formatClock(mark.offset, true)}:`;
        trigger.textContent = triggerWords(mark.shot.trigger);
      }
      gap.textContent = shotGap(mark.offset, ms);
    },
  };
}
