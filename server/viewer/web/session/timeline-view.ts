import type { ActionType } from '../../../../lib/schema/action';
import { h } from '../dom';
import { formatClock, formatDuration } from '../../../../lib/rules/format/format-quantities';
import type { Gap, PageMark } from './event-digest';
import { bucketMarks, nearestBucket, type MarkBucket } from './mark-buckets';

/** Marks are coalesced to this many columns whatever the width: enough for a sharp line, bounded DOM. */
const COLUMNS = 600;

export interface TimelineView {
  readonly element: HTMLElement;
  setDuration(ms: number): void;
  setActions(offsets: readonly number[], types: readonly ActionType[]): void;
  setEvents(gaps: readonly Gap[], pages: readonly PageMark[], loadedUntil: number, complete: boolean): void;
  setTime(ms: number): void;
}

/**
 * The replay's timeline: a native range input (keyboard and screen readers
 * know it) under a lane that draws every action as a mark, gaps as hatched
 * stretches, page loads as ticks and what has not loaded yet as a veil.
 * Clicking a mark chooses that action; the lane itself is hidden from
 * assistive technology because the action list offers the same choices.
 */
export function createTimeline(handlers: { onSeek(ms: number): void; onChooseAction(index: number): void }): TimelineView {
  let duration = 1;
  let buckets: MarkBucket[] = [];
  const marks = h('div', { class: 'lane-marks' });
  const gapsLayer = h('div', { class: 'lane-gaps' });
  const veil = h('div', { class: 'lane-unloaded' });
  const lane = h('div', { class: 'lane', 'aria-hidden': 'true' }, gapsLayer, marks, veil);
  const slider = h('input', {
    type: 'range',
    class: 'seek',
    min: '0',
    max: '1',
    step: '1',
    value: '0',
    'aria-label': 'Replay position',
  });
  const element = h('div', { class: 'timeline' }, lane, slider);

  const pct = (ms: number) => `${Math.min(100, Math.max(0, (ms / duration) * 100))}%`;

  slider.addEventListener('input', () => handlers.onSeek(Number(slider.value)));
  lane.addEventListener('click', (event) => {
    const box = lane.getBoundingClientRect();
    if (box.width <= 0) return;
    const x = (event.clientX - box.left) / box.width;
    const bucket = nearestBucket(buckets, Math.floor(x * COLUMNS), Math.ceil((6 / box.width) * COLUMNS));
    if (bucket) handlers.onChooseAction(bucket.first);
    else handlers.onSeek(x * duration);
  });

  return {
    element,
    setDuration(ms) {
      duration = Math.max(1, ms);
      slider.max = String(Math.ceil(duration));
    },
    setActions(offsets, types) {
      buckets = bucketMarks(offsets, types, duration, COLUMNS);
      marks.replaceChildren(
        ...buckets.map((b) =>
          h('span', {
            class: `mark type-${b.type}`,
            style: `left: ${(b.column / COLUMNS) * 100}%`,
            title:
              b.count === 1
                ? `${b.type} at ${formatClock(offsets[b.first]!)}`
                : `${b.count} actions from ${formatClock(offsets[b.first]!)}`,
          }),
        ),
      );
    },
    setEvents(gaps, pages, loadedUntil, complete) {
      gapsLayer.replaceChildren(
        ...gaps.map((g) =>
          h('span', {
            class: 'gap',
            style: `left: ${pct(g.start)}; width: ${pct(g.end - g.start)}`,
            title: `Nothing recorded for ${formatDuration(g.end - g.start)} (paused, away or idle)`,
          }),
        ),
        ...pages.map((p) => h('span', { class: 'page-tick', style: `left: ${pct(p.offset)}`, title: `Page load: ${p.href}` })),
      );
      veil.style.left = complete ? '100%' : pct(loadedUntil);
    },
    setTime(ms) {
      slider.value = String(Math.round(ms));
      slider.setAttribute('aria-valuetext', `${formatClock(ms)} of ${formatClock(duration)}`);
    },
  };
}
