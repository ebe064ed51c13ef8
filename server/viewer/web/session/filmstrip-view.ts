import { h } from '../dom';
import { placeThumbs, nearestShot, type ShotMark } from './shot-marks';
import { shotLabel } from './shot-words';

/** Must match `.shot-thumb` in styles.css. */
export const THUMB_PX = 96;
const GAP_PX = 6;
/** Thumbnails this far beyond the strip's edges load ahead of being scrolled to. */
const PRELOAD = '0px 400px';

export interface FilmstripView {
  readonly element: HTMLElement;
  setShots(marks: readonly ShotMark[], duration: number): void;
  setTime(ms: number): void;
}

/**
 * The session's screenshots under the timeline, each placed at its time (a
 * crowded stretch scrolls): one tab stop, arrow keys and Home/End move along
 * it, Enter or a click seeks the replay to the shot. Images load only as they
 * come near the strip's view. Hidden when the session has no shots.
 */
export function createFilmstrip(onSeek: (ms: number) => void): FilmstripView {
  let marks: readonly ShotMark[] = [];
  let offsets: number[] = [];
  let buttons: HTMLButtonElement[] = [];
  let current = -1;
  let duration = 1;
  const track = h('div', { class: 'filmstrip-track' });
  const element = h('div', { class: 'filmstrip', role: 'group', 'aria-label': 'Screenshots, by time', hidden: true }, track);
  const observer =
    typeof IntersectionObserver === 'function'
      ? new IntersectionObserver((entries) => entries.forEach((e) => e.isIntersecting && load(e.target as HTMLElement)), {
          root: element,
          rootMargin: PRELOAD,
        })
      : null;

  function load(button: HTMLElement): void {
    const img = button.querySelector('img');
    if (img && !img.getAttribute('src')) img.setAttribute('src', img.dataset.src ?? '');
    observer?.unobserve(button);
  }

  const focusAt = (i: number) => {
    const to = Math.max(0, Math.min(buttons.length - 1, i));
    buttons.forEach((b, k) => (b.tabIndex = k === to ? 0 : -1));
    buttons[to]?.focus();
  };

  element.addEventListener('keydown', (event) => {
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const moves: Record<string, number> = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: buttons.length - 1 };
    const to = moves[event.key];
    if (at < 0 || to === undefined) return;
    event.preventDefault();
    event.stopPropagation();
    focusAt(to);
  });

  // The strip's width changes with the window and the full-size player: places follow it.
  let width = 0;
  const resized = typeof ResizeObserver === 'function' ? new ResizeObserver(() => element.clientWidth !== width && layout()) : null;
  resized?.observe(element);

  function layout(): void {
    width = element.clientWidth;
    const placed = placeThumbs(offsets, duration, { stripPx: width || 640, thumbPx: THUMB_PX, gapPx: GAP_PX });
    track.style.width = `${placed.width}px`;
    buttons.forEach((b, i) => (b.style.left = `${placed.lefts[i]}px`));
  }

  return {
    element,
    setShots(next, sessionDuration) {
      marks = next;
      duration = sessionDuration;
      offsets = marks.map((m) => m.offset);
      observer?.disconnect();
      buttons = marks.map((m, i) =>
        h(
          'button',
          {
            type: 'button',
            class: `shot-thumb trigger-${m.shot.trigger}`,
            tabindex: i === 0 ? '0' : '-1',
            'aria-label': shotLabel(m),
            title: shotLabel(m),
            'data-offset': m.offset,
            onclick: () => onSeek(m.offset),
          },
          h('img', { alt: '', 'data-src': m.url, width: THUMB_PX, decoding: 'async' }),
        ),
      );
      track.replaceChildren(...buttons);
      element.hidden = marks.length === 0;
      current = -1;
      layout();
      for (const b of buttons) {
        if (observer) observer.observe(b);
        else load(b);
      }
    },
    setTime(ms) {
      const index = nearestShot(offsets, ms);
      if (index === current) return;
      buttons[current]?.removeAttribute('aria-current');
      buttons[current]?.classList.remove('current');
      current = index;
      const button = buttons[index];
      if (!button) return;
      button.setAttribute('aria-current', 'true');
      button.classList.add('current');
      const left = button.offsetLeft;
      if (left < element.scrollLeft || left + THUMB_PX > element.scrollLeft + element.clientWidth)
        element.scrollLeft = Math.max(0, left - (element.clientWidth - THUMB_PX) / 2);
    },
  };
}
