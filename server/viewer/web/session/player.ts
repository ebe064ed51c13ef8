import { Replayer } from 'rrweb';
import type { RrwebEvent } from '../../../../lib/schema/rrweb-event';
import { withAssetPlaceholders } from './asset-placeholders';
import { HIGHLIGHT_RULES } from './highlight';

/**
 * rrweb's Replayer behind a small interface on the session's clock (ms since
 * the session's `startedAt`), scaled to fit its container.
 */
export interface Player {
  /** Appends loaded events; resolves once the replayer has taken them in. */
  addEvents(events: readonly RrwebEvent[]): Promise<void>;
  currentTime(): number;
  /** Shows the page as it was at `time`, paused. */
  seek(time: number): void;
  play(from: number): void;
  pause(): void;
  isPlaying(): boolean;
  setSpeed(speed: number): void;
  setSkipInactive(on: boolean): void;
  onFinish(fn: () => void): void;
  /** The replayed DOM node rrweb's mirror knows by this id (a recorded action's `target.nodeId`). */
  node(id: number): Node | null;
  document(): Document | null;
  destroy(): void;
}

export function createPlayer(
  root: HTMLElement,
  first: readonly RrwebEvent[],
  opts: { origin: number; maxHeight: () => number; skipInactive: boolean },
): Player {
  // Nothing the recording points at outside this viewer is fetched (asset-placeholders.ts, and the CSP).
  const own = (events: readonly RrwebEvent[]) => events.map((e) => withAssetPlaceholders(e, location.origin));
  const replayer = new Replayer(own(first) as never[], {
    root,
    showWarning: false,
    skipInactive: opts.skipInactive,
    insertStyleRules: HIGHLIGHT_RULES,
    mouseTail: { strokeStyle: 'rgba(214, 51, 108, 0.6)' },
    // Recorded pages never run scripts here (the iframe is sandboxed); keep it that way.
    UNSAFE_replayCanvas: false,
    // A recorded focus would move the viewer's keyboard focus into the replay, where its shortcuts stop working.
    triggerFocus: false,
  });
  replayer.disableInteract();
  // The frame is about:blank: it inherits the viewer's no-referrer policy; said on the frame too.
  replayer.iframe.setAttribute('referrerpolicy', 'no-referrer');
  // A frame needs a name for screen readers (axe: frame-title).
  replayer.iframe.title = 'Replay of the recorded page';
  let playing = false;
  // Until the first seek or play the replayer's clock has no baseline (it reads as minus the start time).
  let positioned = false;
  let size = { width: 0, height: 0 };

  // The replayer counts from its first event; the session from startedAt (the same instant, normally).
  const shift = () => opts.origin - replayer.getMetaData().startTime;

  const fit = () => {
    if (!size.width || !size.height) return;
    const scale = Math.min(root.clientWidth / size.width, opts.maxHeight() / size.height, 1);
    replayer.wrapper.style.transform = `scale(${scale})`;
    replayer.wrapper.style.transformOrigin = 'top left';
    root.style.height = `${Math.ceil(size.height * scale)}px`;
  };
  replayer.on('resize', (dimension) => {
    size = dimension as { width: number; height: number };
    fit();
  });
  const observer = new ResizeObserver(fit);
  observer.observe(root);

  const finish: Array<() => void> = [];
  replayer.on('finish', () => {
    playing = false;
    for (const fn of finish) fn();
  });

  return {
    async addEvents(events) {
      for (const e of own(events)) replayer.addEvent(e as never);
      // addEvent hands each event over in a microtask; this one runs after all of them.
      await Promise.resolve();
    },
    currentTime: () => (positioned ? replayer.getCurrentTime() + shift() : 0),
    seek(time) {
      positioned = true;
      playing = false;
      replayer.pause(Math.max(0, time - shift()));
    },
    play(from) {
      positioned = true;
      playing = true;
      replayer.play(Math.max(0, from - shift()));
    },
    pause() {
      playing = false;
      replayer.pause();
    },
    isPlaying: () => playing,
    setSpeed: (speed) => replayer.setConfig({ speed }),
    setSkipInactive: (on) => replayer.setConfig({ skipInactive: on }),
    onFinish: (fn) => finish.push(fn),
    node: (id) => (id < 0 ? null : (replayer.getMirror().getNode(id) as Node | null)),
    document: () => replayer.iframe.contentDocument,
    destroy() {
      observer.disconnect();
      replayer.destroy();
    },
  };
}
