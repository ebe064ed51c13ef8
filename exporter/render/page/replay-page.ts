import { Replayer } from 'rrweb';
import type { RrwebEvent } from '../../../lib/schema/rrweb-event';
import type { ObserveAnswer, ObserveRequest } from '../../../lib/schema/render-observation';
import { TARGET_MARK } from './marks';
import { observe, recordedTarget, type SelectorFindings } from './observe';

/**
 * The exporter's replay page (bundled by exporter/render/page-bundle.ts and
 * run in headless Chromium): one rrweb Replayer per session that only ever
 * plays forward. `advance(t)` applies every event before `t` that was not
 * applied yet (rrweb skips the ones it already played), so rendering a
 * session costs one pass over its events, however many steps it has.
 */
/** Replayed pages must render the same way every time: no motion, no blinking caret. */
const STILL =
  '*, *::before, *::after { transition: none !important; animation: none !important; caret-color: transparent !important; scroll-behavior: auto !important; }';

interface ReplayApi {
  start(events: RrwebEvent[]): void;
  add(events: RrwebEvent[]): Promise<void>;
  advance(timestamp: number): { width: number; height: number };
  /** Marks the recorded target (by rrweb id) for Playwright's selector engines; false when it is not in the replayed DOM. */
  mark(nodeId: number | null): { ready: boolean; marked: boolean };
  observe(req: ObserveRequest, findings: SelectorFindings): ObserveAnswer;
  /** How often the replay rebuilt a full snapshot and how many events it applied (each at most once when playing forward). */
  stats(): { rebuilds: number; eventsCast: number };
  destroy(): void;
}

let replayer: Replayer | null = null;
let firstTimestamp = 0;
let size = { width: 0, height: 0 };
/** A full snapshot has been rebuilt (before that the iframe holds an empty document). */
let rebuilt = false;
let stats = { rebuilds: 0, eventsCast: 0 };
let marked: Element | null = null;

function unmark(): void {
  marked?.removeAttribute(TARGET_MARK);
  marked = null;
}

const api: ReplayApi = {
  start(events) {
    api.destroy();
    marked = null;
    firstTimestamp = events[0]!.timestamp;
    size = { width: 0, height: 0 };
    rebuilt = false;
    stats = { rebuilds: 0, eventsCast: 0 };
    replayer = new Replayer(events as never[], {
      root: document.getElementById('root')!,
      showWarning: false,
      showDebug: false,
      mouseTail: false,
      insertStyleRules: [STILL],
      UNSAFE_replayCanvas: false,
      triggerFocus: true,
      pauseAnimation: true,
    });
    replayer.on('resize', (d) => {
      size = { width: (d as typeof size).width, height: (d as typeof size).height };
    });
    replayer.on('fullsnapshot-rebuilded', () => {
      rebuilt = true;
      stats.rebuilds += 1;
    });
    replayer.on('event-cast', () => {
      stats.eventsCast += 1;
    });
    replayer.disableInteract();
  },
  async add(events) {
    for (const e of events) replayer!.addEvent(e as never);
    // addEvent hands each event over in a microtask; this one runs after all of them.
    await Promise.resolve();
  },
  advance(timestamp) {
    replayer!.pause(Math.max(0, timestamp - firstTimestamp));
    return size;
  },
  mark(nodeId) {
    unmark();
    const ready = rebuilt && !!replayer?.iframe.contentDocument?.documentElement;
    marked = ready ? recordedTarget(replayer!.getMirror(), nodeId) : null;
    marked?.setAttribute(TARGET_MARK, '1');
    return { ready, marked: marked !== null };
  },
  observe(req, findings) {
    const doc = rebuilt ? (replayer?.iframe.contentDocument ?? null) : null;
    try {
      return observe(doc, replayer!.getMirror(), size, req, findings);
    } finally {
      unmark();
    }
  },
  stats: () => ({ ...stats }),
  destroy() {
    replayer?.destroy();
    replayer = null;
  },
};

(window as unknown as { webtraceReplay: ReplayApi }).webtraceReplay = api;
