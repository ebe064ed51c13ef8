import { INDICATOR_DOT_RGB, INDICATOR_TAG } from './indicator-tag';

/**
 * The mark a recorded page shows while it is recorded (issue 19): a red dot
 * in the bottom right corner, with "Recording" beside it on hover or focus.
 * It lives in a closed shadow root on a host appended to <html>, outside the
 * page's <body>: the page's scripts and styles do not reach inside, and
 * rrweb cannot see into a closed root. The host itself is stripped from the
 * recording (strip-indicator.ts) and its events from actions (isIndicatorEvent).
 */
export interface PageIndicatorDeps {
  doc: Document;
  win: Window;
  /** The person clicked it (or pressed Enter/Space on it): open the controls. */
  onActivate: () => void;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (h: unknown) => void;
}

export interface PageIndicator {
  readonly host: HTMLElement;
  /** Whether an event came from the indicator (events out of a closed root are retargeted to its host). */
  isIndicatorEvent(event: Event): boolean;
  /** Hides it for a screenshot; true once the hiding is painted. It shows again on `showAfterShot` or after SHOT_HIDE_MAX_MS. */
  hideForShot(): Promise<boolean>;
  showAfterShot(): void;
  readonly visibility: 'hidden' | 'shown';
  remove(): void;
}

/** Longest the mark stays hidden for one screenshot, should the worker never ask again. */
export const SHOT_HIDE_MAX_MS = 2000;
/** A page that paints no frame by then (hidden, frozen) gets its shot refused. */
const PAINT_WAIT_MS = 300;

const [r, g, b] = INDICATOR_DOT_RGB;
const STYLE = `
:host { all: initial; position: fixed; right: 12px; bottom: 12px; z-index: 2147483647; display: block; }
.mark[hidden] { display: none; }
button { all: initial; box-sizing: border-box; display: flex; align-items: center; gap: 6px; height: 24px; padding: 5px;
  border-radius: 12px; cursor: pointer; font: 12px/14px system-ui, sans-serif; color: #fff; background: transparent; }
button:hover, button:focus-visible { background: rgba(20, 20, 20, 0.85); padding-right: 10px; }
button:focus-visible { outline: 2px solid #fff; outline-offset: 1px; }
.dot { width: 14px; height: 14px; border-radius: 50%; background: rgb(${r}, ${g}, ${b});
  box-shadow: 0 0 0 2px #fff; animation: pulse 2s ease-in-out infinite; }
.label { display: none; }
button:hover .label, button:focus-visible .label { display: inline; }
@keyframes pulse { 50% { opacity: 0.55; } }
@media (prefers-reduced-motion: reduce) { .dot { animation: none; } }
`;

export function createPageIndicator(deps: PageIndicatorDeps): PageIndicator {
  const { doc, win } = deps;
  const host = doc.createElement(INDICATOR_TAG);
  const root = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = STYLE;
  const mark = doc.createElement('div');
  mark.className = 'mark';
  const button = doc.createElement('button');
  button.type = 'button';
  button.setAttribute('aria-label', 'Recording: this page is being recorded. Open recording controls');
  button.title = 'This page is being recorded';
  const dot = doc.createElement('span');
  dot.className = 'dot';
  const label = doc.createElement('span');
  label.className = 'label';
  label.textContent = 'Recording';
  button.append(dot, label);
  mark.append(button);
  root.append(style, mark);
  button.addEventListener('click', (event) => {
    if (event.isTrusted) deps.onActivate();
  });
  // The page does not react to the indicator: its events stop at the shadow root (capture listeners above still see them).
  for (const type of ['click', 'dblclick', 'pointerdown', 'pointerup', 'mousedown', 'mouseup', 'keydown', 'keyup', 'contextmenu']) {
    root.addEventListener(type, (event) => event.stopPropagation());
  }
  (doc.documentElement ?? doc).appendChild(host);

  let showTimer: unknown = null;
  const show = () => {
    if (showTimer !== null) deps.clearTimer(showTimer);
    showTimer = null;
    mark.hidden = false;
  };
  const painted = () =>
    new Promise<boolean>((resolve) => {
      const timer = deps.setTimer(() => resolve(false), PAINT_WAIT_MS);
      // Two frames: the first runs before the paint that drops the mark, the second after it.
      win.requestAnimationFrame(() =>
        win.requestAnimationFrame(() => {
          deps.clearTimer(timer);
          resolve(true);
        }),
      );
    });

  return {
    host,
    isIndicatorEvent: (event) => event.composedPath().includes(host),
    async hideForShot() {
      mark.hidden = true;
      if (showTimer !== null) deps.clearTimer(showTimer);
      showTimer = deps.setTimer(show, SHOT_HIDE_MAX_MS);
      const ok = await painted();
      return ok && mark.hidden && !button.checkVisibility() && host.isConnected;
    },
    showAfterShot: show,
    get visibility() {
      return mark.hidden || !host.isConnected ? 'hidden' : 'shown';
    },
    remove() {
      if (showTimer !== null) deps.clearTimer(showTimer);
      host.remove();
    },
  };
}
