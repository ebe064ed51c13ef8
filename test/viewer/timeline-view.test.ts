// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import type { ActionType } from '../../lib/schema/action';
import { createTimeline } from '../../server/viewer/web/session/timeline-view';

function mount() {
  const onSeek = vi.fn();
  const onChooseAction = vi.fn();
  const timeline = createTimeline({ onSeek, onChooseAction });
  document.body.replaceChildren(timeline.element);
  const lane = timeline.element.querySelector<HTMLElement>('.lane')!;
  lane.getBoundingClientRect = () => ({ left: 0, top: 0, width: 600, height: 20, right: 600, bottom: 20, x: 0, y: 0, toJSON: () => ({}) });
  timeline.setDuration(60_000);
  return { timeline, lane, onSeek, onChooseAction };
}

describe('the timeline', () => {
  it('draws every action as a mark (coalesced per column), gaps, page loads and the unloaded part', () => {
    const { timeline } = mount();
    const offsets = Array.from({ length: 30_000 }, (_, i) => i * 2);
    timeline.setActions(
      offsets,
      offsets.map((): ActionType => 'click'),
    );
    expect(timeline.element.querySelectorAll('.mark').length).toBe(600);
    timeline.setEvents(
      [{ start: 12_000, end: 30_000 }],
      [
        { offset: 0, href: 'http://x/' },
        { offset: 30_000, href: 'http://x/b' },
      ],
      45_000,
      false,
    );
    const gap = timeline.element.querySelector<HTMLElement>('.gap')!;
    expect(gap.style.left).toBe('20%');
    expect(gap.style.width).toBe('30%');
    expect(gap.title).toBe('Nothing recorded for 18 s (paused, away or idle)');
    expect(timeline.element.querySelectorAll('.page-tick')).toHaveLength(2);
    expect(timeline.element.querySelector<HTMLElement>('.lane-unloaded')!.style.left).toBe('75%');
  });

  it('chooses the action under a click on its mark, and seeks when no mark is near', () => {
    const { timeline, lane, onSeek, onChooseAction } = mount();
    timeline.setActions([6_000, 30_000], ['click', 'type']);
    lane.dispatchEvent(new MouseEvent('click', { clientX: 302, bubbles: true }));
    expect(onChooseAction).toHaveBeenCalledWith(1);
    lane.dispatchEvent(new MouseEvent('click', { clientX: 450, bubbles: true }));
    expect(onSeek).toHaveBeenCalledWith(45_000);
  });

  it('is a labelled slider that says where the replay is', () => {
    const { timeline, onSeek } = mount();
    const slider = timeline.element.querySelector<HTMLInputElement>('input[type=range]')!;
    expect(slider.getAttribute('aria-label')).toBe('Replay position');
    timeline.setTime(65_000 / 2);
    expect(slider.value).toBe('32500');
    expect(slider.getAttribute('aria-valuetext')).toBe('0:32 of 1:00');
    slider.value = '1000';
    slider.dispatchEvent(new Event('input'));
    expect(onSeek).toHaveBeenCalledWith(1000);
  });
});
