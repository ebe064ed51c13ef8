import { h } from '../dom';
import { formatClock } from '../../../../lib/rules/format/format-quantities';

export const SPEEDS = [0.5, 1, 2, 4, 8, 16] as const;

export interface ControlsView {
  readonly element: HTMLElement;
  setPlaying(playing: boolean): void;
  setTime(ms: number, duration: number): void;
  setEnabled(enabled: boolean): void;
}

/** Play/pause, speed, skipping inactivity and the clock: plain form controls with visible labels. */
export function createControls(handlers: {
  onPlayPause(): void;
  onSpeed(speed: number): void;
  onSkipInactive(on: boolean): void;
  skipInactive: boolean;
}): ControlsView {
  const play = h('button', { type: 'button', class: 'play', disabled: true, onclick: () => handlers.onPlayPause() }, 'Play');
  const speed = h(
    'select',
    { 'aria-label': 'Speed', onchange: () => handlers.onSpeed(Number(speed.value)) },
    ...SPEEDS.map((s) => h('option', { value: String(s), selected: s === 1 }, `${s}x`)),
  );
  const skip = h('input', {
    type: 'checkbox',
    checked: handlers.skipInactive,
    onchange: () => handlers.onSkipInactive(skip.checked),
  });
  const clock = h('span', { class: 'clock' }, '0:00.0 / 0:00.0');
  const element = h(
    'div',
    { class: 'controls', role: 'group', 'aria-label': 'Replay controls' },
    play,
    h('label', null, 'Speed ', speed),
    h('label', null, skip, ' Skip inactivity'),
    clock,
  );
  return {
    element,
    setPlaying(playing) {
      play.textContent = playing ? 'Pause' : 'Play';
    },
    setTime(ms, duration) {
      clock.textContent = `${formatClock(ms, true)} / ${formatClock(duration, true)}`;
    },
    setEnabled(enabled) {
      play.disabled = !enabled;
    },
  };
}
