import type { PrivacyPolicy } from '../privacy/policy';
import type { Action, FrameStep } from '../schema/action';
import type { CaptureContext, CaptureStats, Offset, Timers } from './context';
import { createEmitter, type Emitter } from './emitter';
import { createGestureState } from './gesture/gesture-state';
import { createTargetPrivacy } from './target/target-privacy';

export interface ActionCaptureOptions {
  doc: Document;
  win: Window;
  /** Receives each action; the recorder wires it to record.addCustomEvent(ACTION_EVENT_TAG, action). */
  emit: (action: Action) => void;
  /** rrweb mirror id of a node (record.mirror.getId); -1 if unknown. */
  nodeId: (node: Node) => number;
  /** Clock, epoch ms. */
  now: () => number;
  /** Every exception from a page-facing callback (or from emit/nodeId) lands here, never in the page. */
  onError: (err: unknown) => void;
  /** Defaults to win.setTimeout/clearTimeout. */
  timers?: Timers;
  /** The page's privacy settings; without them only the always-on rules (data-webtrace-*) apply. */
  privacy?: PrivacyPolicy;
  /** Whether an event is the person's input; defaults to event.isTrusted (tests inject their own). */
  isTrusted?: (event: Event) => boolean;
  /** Events never turned into actions: the recording indicator's own (issue 19). */
  ignore?: (event: Event) => boolean;
}

const LISTEN_OPTIONS: AddEventListenerOptions = { capture: true, passive: true };
const TOP: Offset = { x: 0, y: 0 };

/** Builds the top document's context: guarded callbacks, the emitter, the trusted-only listener helper. */
export function createContext(deps: ActionCaptureOptions): { ctx: CaptureContext; emitter: Emitter; stats: CaptureStats } {
  const report = (err: unknown): void => {
    try {
      deps.onError(err);
    } catch {
      // onError itself failed: nothing left to tell, and the page must not see it.
    }
  };
  const timers: Timers = deps.timers ?? {
    setTimeout: (fn, ms) => deps.win.setTimeout(fn, ms),
    clearTimeout: (id) => deps.win.clearTimeout(id as number),
  };
  const isTrusted = deps.isTrusted ?? ((event: Event) => event.isTrusted);
  const stats: CaptureStats = { untrustedEvents: 0 };
  // Several listeners see one event: it is counted once.
  const counted = new WeakSet<Event>();
  const emitter = createEmitter({
    emit: deps.emit,
    now: deps.now,
    href: () => deps.win.location.href,
    viewport: () => viewportOf(deps.win),
    report,
  });

  const ctx: CaptureContext = {
    doc: deps.doc,
    win: deps.win,
    timers,
    privacy: createTargetPrivacy(deps.privacy),
    frame: null,
    frameOffset: () => TOP,
    gesture: createGestureState(),
    stats,
    now: deps.now,
    report,
    emit: emitter.emit,
    addFlusher: emitter.addFlusher,
    nodeId(node) {
      try {
        const id = deps.nodeId(node);
        return Number.isInteger(id) ? id : -1;
      } catch (err) {
        report(err);
        return -1;
      }
    },
    listen(target, type, handler, anyEvent = false) {
      const wrapped = (event: Event): void => {
        try {
          if (deps.ignore?.(event)) return;
          if (!anyEvent && !isTrusted(event)) {
            if (!counted.has(event)) {
              counted.add(event);
              stats.untrustedEvents += 1;
            }
            return;
          }
          handler(event);
        } catch (err) {
          report(err);
        }
      };
      target.addEventListener(type, wrapped, LISTEN_OPTIONS);
      return () => target.removeEventListener(type, wrapped, LISTEN_OPTIONS);
    },
  };
  return { ctx, emitter, stats };
}

/** The same capture, listening to a same-origin iframe's document. */
export function frameContext(parent: CaptureContext, doc: Document, win: Window, step: FrameStep, offset: () => Offset): CaptureContext {
  const frame = [...(parent.frame ?? []), step];
  // Every action from this document carries the frame path (a nested frame's own, longer one wins).
  return { ...parent, doc, win, frame, frameOffset: offset, emit: (draft, self) => parent.emit({ frame, ...draft }, self) };
}

/** The top-level viewport, or null when the numbers are unusable. */
function viewportOf(win: Window): Action['viewport'] | null {
  const width = win.innerWidth;
  const height = win.innerHeight;
  const devicePixelRatio = win.devicePixelRatio || 1;
  if (![width, height, devicePixelRatio].every(Number.isFinite)) return null;
  return { width, height, devicePixelRatio };
}
