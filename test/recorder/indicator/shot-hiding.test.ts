// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { createPageIndicator, type PageIndicator } from '../../../lib/recorder/indicator/page-indicator';
import { startShotResponder, type ShotPageMessage, type ShotResponder } from '../../../lib/recorder/shot-regions/shot-responder';
import type { ShotRegionsReport } from '../../../lib/schema/shot-regions';
import { takeShot } from '../../../lib/worker/screenshots/take-shot';

/**
 * Issue 19: before a screenshot the page hides its recording indicator and
 * answers only once the hiding is painted (two animation frames); a page that
 * paints no frame in time answers "shown", which refuses the shot. The page's
 * real indicator and responder, with the worker's real takeShot on top; only
 * the frames, the timers and the capture are the test's.
 */
const policy = { maskAllText: false, blockSelector: null, maskTextSelector: null };

interface Page {
  indicator: PageIndicator;
  responder: ShotResponder;
  /** Runs the animation frames asked for so far (and those they ask for). */
  paint(): void;
  /** Fires every pending timer of `ms` (the indicator's paint wait is 300 ms). */
  elapse(ms: number): void;
  report(arm: boolean): Promise<ShotRegionsReport | null>;
}

let open: Page | null = null;
afterEach(() => {
  open?.responder.stop();
  open?.indicator.remove();
  open = null;
});

function page(): Page {
  let frames: Array<() => void> = [];
  const timers = new Map<number, { fn: () => void; ms: number }>();
  let nextTimer = 0;
  const indicator = createPageIndicator({
    doc: document,
    // Only its frames are the test's: a frozen page never runs them.
    win: { requestAnimationFrame: (fn: () => void) => frames.push(fn) } as unknown as Window,
    onActivate: () => {},
    setTimer: (fn, ms) => (timers.set(++nextTimer, { fn, ms }), nextTimer),
    clearTimer: (h) => void timers.delete(h as number),
  });
  const waiting: Array<(r: ShotRegionsReport) => void> = [];
  let requestId = 0;
  const responder = startShotResponder({
    win: window,
    doc: document,
    policy,
    post: (msg: ShotPageMessage) => {
      if (msg.kind === 'shot-regions') waiting.shift()?.(msg.report);
    },
    // Long after any page motion: stillness is not what is tested here.
    now: () => 1e9,
    epochMs: () => 1_700_000_000_000,
    wrap: (fn) => fn,
    indicator,
    onError: (err) => {
      throw err;
    },
  });
  open = {
    indicator,
    responder,
    paint() {
      while (frames.length) {
        const run = frames;
        frames = [];
        for (const fn of run) fn();
      }
    },
    elapse(ms) {
      for (const [id, t] of [...timers]) {
        if (t.ms !== ms) continue;
        timers.delete(id);
        t.fn();
      }
    },
    report: (arm) =>
      new Promise((resolve) => {
        waiting.push(resolve);
        responder.answer({ requestId: ++requestId, arm });
      }),
  };
  return open;
}

describe('the recording indicator and a screenshot', () => {
  it('hidden and the hiding painted: the page answers "hidden", the shot is taken without it, then it shows again', async () => {
    const p = page();
    expect(p.indicator.visibility).toBe('shown');
    const seenDuringCapture: string[] = [];
    let releases = 0;
    const outcome = takeShot(
      {
        report: async (arm) => {
          const answer = p.report(arm);
          // The page paints its frames while the worker waits for the answer.
          queueMicrotask(() => p.paint());
          return answer;
        },
        capture: async () => (seenDuringCapture.push(p.indicator.visibility), new Blob(['png'])),
        redact: async () => ({ blob: new Blob(['webp']), width: 1, height: 1 }) as never,
        release: () => void releases++,
        now: () => 0,
      },
      'before-action',
      null,
    );
    const result = await outcome;
    expect(result.kind).toBe('shot');
    expect(result.kind === 'shot' && result.report).toMatchObject({ indicator: 'hidden', refused: null });
    expect(seenDuringCapture).toEqual(['hidden']);
    expect(p.indicator.visibility).toBe('shown');
    expect(releases).toBe(0);
  });

  it('the hiding never confirmed as painted: the page answers "shown" and refuses, no capture is taken, the mark shows again', async () => {
    const p = page();
    let captures = 0;
    let releases = 0;
    const result = await takeShot(
      {
        report: async (arm) => {
          const answer = p.report(arm);
          // A frozen page: no frame runs, the paint wait runs out.
          queueMicrotask(() => p.elapse(300));
          return answer;
        },
        capture: async () => (captures++, new Blob(['png'])),
        redact: async () => {
          throw new Error('never redacted');
        },
        release: () => void releases++,
        now: () => 0,
      },
      'before-action',
      null,
    );
    expect(result).toMatchObject({ kind: 'dropped', reason: 'the recording indicator could not be hidden', retry: true });
    expect(captures).toBe(0);
    expect(p.indicator.visibility).toBe('shown');
    // The worker tells the armed page it is not shot after all (the page already showed its mark again).
    expect(releases).toBe(1);
  });

  it('refuses on the page side too: a report saying "shown" carries its own refusal', async () => {
    const p = page();
    const answer = p.report(true);
    p.elapse(300);
    expect(await answer).toMatchObject({ indicator: 'shown', refused: 'the recording indicator could not be hidden' });
  });
});
