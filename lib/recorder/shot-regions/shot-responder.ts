import type { PrivacyPolicy } from '../../privacy/policy';
import type { RecorderToWorkerMessage } from '../../schema/recorder-port';

export type ShotPageMessage = Extract<RecorderToWorkerMessage, { kind: 'shot-regions' | 'shot-trigger' }>;
import type { ShotRegionsReport, ShotRegionsRequest } from '../../schema/shot-regions';
import { frameScheduler, type FrameScheduler } from './after-frame';
import { collectRegions, regionCandidates } from './collect-regions';
import { createNearViewport } from './near-viewport';
import { watchPageMotion } from './page-motion';
import { createPiiTextIndex } from './pii-text-index';
import { createRegionElements } from './region-elements';
import { compileRegionSelectors } from './region-selectors';
import { focusIsSensitive } from './sensitive-focus';
import { touchesAny } from './touches';
import type { PageIndicator } from '../indicator/page-indicator';

/** No shot within this long of a scroll or resize (issue 15). */
export const STILL_MS = 300;
/** A person's actions report a before-action trigger at most this often. */
const TRIGGER_GAP_MS = 200;

export interface ShotResponderDeps {
  win: Window;
  doc: Document;
  policy: PrivacyPolicy;
  post: (msg: ShotPageMessage) => void;
  /** A monotonic clock (performance.now) for stillness; `epochMs` for the trigger's time. */
  now: () => number;
  epochMs: () => number;
  wrap: <A extends unknown[]>(fn: (...args: A) => void) => (...args: A) => void;
  /** The page's recording indicator, hidden for each shot (issue 19); none when the policy switched it off. */
  indicator?: PageIndicator | null;
  onError?: (err: unknown) => void;
  /** When reports run (after-frame.ts); tests answer at once. */
  frames?: FrameScheduler;
}

export interface ShotResponder {
  answer(request: Omit<ShotRegionsRequest, 'kind'>): void;
  stop(): void;
  /** Page main-thread ms of each report, for the benchmark. */
  readonly costs: number[];
}

/**
 * The page's side of screenshots: answers the worker's region requests
 * (lib/schema/shot-regions.ts) and reports the person's pointerdowns and
 * keydowns as before-action triggers. Every callback runs guarded.
 */
export function startShotResponder(deps: ShotResponderDeps): ShotResponder {
  const { win, doc, policy } = deps;
  const frames = deps.frames ?? frameScheduler(win);
  const matched = createRegionElements(doc, compileRegionSelectors(policy));
  const pii = createPiiTextIndex(doc);
  const motion = watchPageMotion(win, doc, deps.now, deps.wrap);
  const near = createNearViewport(win);
  const costs: number[] = [];
  let seq = 0;
  let frameMs = 0;
  let stopped = false;
  let armed: { url: string; elements: Element[]; hit: boolean } | null = null;

  const onRecords = (records: MutationRecord[]) => {
    if (records.length === 0) return;
    motion.epoch += 1;
    matched.update(records);
    pii.update(records);
    if (armed && !armed.hit) armed.hit = touchesAny(records, armed.elements);
  };
  const observer = new (win as Window & typeof globalThis).MutationObserver(deps.wrap(onRecords));
  observer.observe(doc, { subtree: true, childList: true, characterData: true, attributes: true });
  let lastUrl = win.location.href;
  /** The change epoch now: pending mutation records counted, and a URL change (pushState makes no event) too. */
  const epochNow = () => {
    onRecords(observer.takeRecords());
    if (win.location.href !== lastUrl) {
      lastUrl = win.location.href;
      motion.epoch += 1;
    }
    return motion.epoch;
  };

  const refusal = (): string | null => {
    if (policy.maskAllText) return 'all text is masked on this site';
    if (doc.visibilityState !== 'visible') return 'the page is not visible';
    if (motion.composing) return 'an input method composition is open';
    if (deps.now() - motion.lastMoveAt < STILL_MS) return 'the page scrolled or resized just now';
    if (focusIsSensitive(doc, policy)) return 'focus is in a protected field';
    return null;
  };

  const report = (requestId: number, arm: boolean, indicator: ShotRegionsReport['indicator']): ShotRegionsReport => {
    const epoch = epochNow();
    const url = win.location.href;
    const viewport = { width: win.innerWidth, height: win.innerHeight };
    // A refused report is never used to redact (the worker drops the shot): its regions are not measured.
    const early = refusal();
    let collected = null;
    if (!early) {
      const current = matched.current();
      // What is certainly far is not measured, when the observer's picture is current (near-viewport.ts).
      const isFar = near.farTest(epoch, regionCandidates(current, pii));
      collected = collectRegions({ doc, viewport, matched: current, pii, isFar });
    }
    const changed = arm ? false : !armed || armed.hit || motion.moved || armed.url !== url;
    if (arm) {
      // Refused: nothing armed, so a report after it would say "changed" (fail closed).
      armed = collected && { url, elements: collected.elements, hit: false };
      motion.moved = false;
    }
    const refused = early ?? (collected!.overflow ? 'too many regions to black out' : null);
    const scroll = { x: win.scrollX, y: win.scrollY };
    const hiding = indicator === 'shown' ? 'the recording indicator could not be hidden' : null;
    return {
      requestId,
      seq: seq++,
      refused: refused ?? hiding,
      viewport,
      scroll,
      changed,
      epoch,
      regions: collected?.regions ?? [],
      indicator,
    };
  };

  let lastTrigger = -Infinity;
  const onAction = deps.wrap((event: Event) => {
    if (!event.isTrusted || deps.indicator?.isIndicatorEvent(event)) return;
    const t = deps.now();
    if (t - lastTrigger < TRIGGER_GAP_MS) return;
    lastTrigger = t;
    deps.post({ kind: 'shot-trigger', trigger: 'before-action', at: Math.floor(deps.epochMs()), epoch: epochNow() });
  });
  const opts = { capture: true, passive: true } as const;
  doc.addEventListener('pointerdown', onAction, opts);
  doc.addEventListener('keydown', onAction, opts);

  return {
    answer: deps.wrap(({ requestId, arm, release }: Omit<ShotRegionsRequest, 'kind'>) => {
      // The worker will not shoot after all (nothing changed since its last shot): the indicator shows again.
      if (release) return deps.indicator?.showAfterShot();
      const send = (state: ShotRegionsReport['indicator']) => {
        if (stopped) return;
        const started = deps.now();
        const answer = report(requestId, arm, state);
        // The report's work in its frame counts too.
        costs.push(deps.now() - started + frameMs);
        frameMs = 0;
        if (costs.length > 1000) costs.splice(0, 500);
        deps.post({ kind: 'shot-regions', report: answer });
      };
      const indicator = deps.indicator;
      // In the frame the report follows: from its rendering on, the observer's picture is current.
      const inFrame = deps.wrap(() => {
        const started = deps.now();
        near.markFrame(epochNow());
        frameMs = deps.now() - started;
      });
      if (!indicator)
        return frames.afterFrame(
          deps.wrap(() => send('absent')),
          inFrame,
        );
      if (!arm) {
        // Its state through the capture first, then it shows again.
        return frames.afterFrame(
          deps.wrap(() => {
            send(indicator.visibility);
            indicator.showAfterShot();
          }),
          inFrame,
        );
      }
      // Hidden, and the hiding painted, before the page answers: otherwise a refusal, and no shot (fail closed).
      indicator
        .hideForShot()
        .then(
          deps.wrap((ok: boolean) => {
            // Resolved in a frame callback: the next task comes after that frame is rendered.
            if (ok) inFrame();
            frames.nextTask(
              deps.wrap(() => {
                send(ok ? 'hidden' : 'shown');
                if (!ok) indicator.showAfterShot();
              }),
            );
          }),
        )
        .catch((err: unknown) => {
          indicator.showAfterShot();
          deps.onError?.(err);
        });
    }),
    stop() {
      stopped = true;
      observer.disconnect();
      near.stop();
      motion.stop();
      doc.removeEventListener('pointerdown', onAction, opts);
      doc.removeEventListener('keydown', onAction, opts);
    },
    costs,
  };
}
