import type { PrivacyPolicy } from '../../privacy/policy';
import type { RecorderToWorkerMessage } from '../../schema/recorder-port';

export type ShotPageMessage = Extract<RecorderToWorkerMessage, { kind: 'shot-regions' | 'shot-trigger' }>;
import type { ShotRegionsReport } from '../../schema/shot-regions';
import { collectRegions } from './collect-regions';
import { watchPageMotion } from './page-motion';
import { createPiiTextIndex } from './pii-text-index';
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
}

export interface ShotResponder {
  answer(request: { requestId: number; arm: boolean }): void;
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
  const selectors = compileRegionSelectors(policy);
  const pii = createPiiTextIndex(doc);
  const motion = watchPageMotion(win, doc, deps.now, deps.wrap);
  const costs: number[] = [];
  let seq = 0;
  let armed: { url: string; elements: Element[]; hit: boolean } | null = null;

  const onRecords = (records: MutationRecord[]) => {
    if (records.length === 0) return;
    motion.epoch += 1;
    pii.update(records);
    if (armed && !armed.hit) armed.hit = touchesAny(records, armed.elements);
  };
  const observer = new (win as Window & typeof globalThis).MutationObserver(deps.wrap(onRecords));
  observer.observe(doc, { subtree: true, childList: true, characterData: true, attributes: true });

  const refusal = (): string | null => {
    if (policy.maskAllText) return 'all text is masked on this site';
    if (doc.visibilityState !== 'visible') return 'the page is not visible';
    if (motion.composing) return 'an input method composition is open';
    if (deps.now() - motion.lastMoveAt < STILL_MS) return 'the page scrolled or resized just now';
    if (focusIsSensitive(doc, policy)) return 'focus is in a protected field';
    return null;
  };

  const report = (requestId: number, arm: boolean, indicator: ShotRegionsReport['indicator']): ShotRegionsReport => {
    onRecords(observer.takeRecords());
    const url = win.location.href;
    const viewport = { width: win.innerWidth, height: win.innerHeight };
    const collected = collectRegions({ doc, viewport, selectors, pii });
    const changed = arm ? false : !armed || armed.hit || motion.moved || armed.url !== url;
    if (arm) {
      armed = { url, elements: collected.elements, hit: false };
      motion.moved = false;
    }
    const refused = collected.overflow ? 'too many regions to black out' : refusal();
    const scroll = { x: win.scrollX, y: win.scrollY };
    const hiding = indicator === 'shown' ? 'the recording indicator could not be hidden' : null;
    return {
      requestId,
      seq: seq++,
      refused: refused ?? hiding,
      viewport,
      scroll,
      changed,
      epoch: motion.epoch,
      regions: collected.regions,
      indicator,
    };
  };

  let lastTrigger = -Infinity;
  const onAction = deps.wrap((event: Event) => {
    if (!event.isTrusted || deps.indicator?.isIndicatorEvent(event)) return;
    const t = deps.now();
    if (t - lastTrigger < TRIGGER_GAP_MS) return;
    lastTrigger = t;
    deps.post({ kind: 'shot-trigger', trigger: 'before-action', at: Math.floor(deps.epochMs()) });
  });
  const opts = { capture: true, passive: true } as const;
  doc.addEventListener('pointerdown', onAction, opts);
  doc.addEventListener('keydown', onAction, opts);

  return {
    answer: deps.wrap(({ requestId, arm }: { requestId: number; arm: boolean }) => {
      const send = (state: ShotRegionsReport['indicator']) => {
        const started = deps.now();
        const answer = report(requestId, arm, state);
        costs.push(deps.now() - started);
        if (costs.length > 1000) costs.splice(0, 500);
        deps.post({ kind: 'shot-regions', report: answer });
      };
      const indicator = deps.indicator;
      if (!indicator) return send('absent');
      if (!arm) {
        // Its state through the capture first, then it shows again.
        send(indicator.visibility);
        return indicator.showAfterShot();
      }
      // Hidden, and the hiding painted, before the page answers: otherwise a refusal, and no shot (fail closed).
      indicator
        .hideForShot()
        .then(
          deps.wrap((ok: boolean) => {
            send(ok ? 'hidden' : 'shown');
            if (!ok) indicator.showAfterShot();
          }),
        )
        .catch((err: unknown) => {
          indicator.showAfterShot();
          deps.onError?.(err);
        });
    }),
    stop() {
      observer.disconnect();
      motion.stop();
      doc.removeEventListener('pointerdown', onAction, opts);
      doc.removeEventListener('keydown', onAction, opts);
    },
    costs,
  };
}
