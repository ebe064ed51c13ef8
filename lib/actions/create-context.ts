import type { PrivacyPolicy } from '../privacy/policy';
import type { Action } from '../schema/action';
import type { CaptureContext, Timers } from './context';
import { createEmitter, type Emitter } from './emitter';
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
}

const LISTEN_OPTIONS: AddEventListenerOptions = { capture: true, passive: true };

/** Builds the shared context: guarded callbacks, the emitter and a listener helper. */
export function createContext(deps: ActionCaptureOptions): { ctx: CaptureContext; emitter: Emitter } {
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
  const emitter = createEmitter({ emit: deps.emit, now: deps.now, href: () => deps.win.location.href, report });

  const ctx: CaptureContext = {
    doc: deps.doc,
    win: deps.win,
    timers,
    privacy: createTargetPrivacy(deps.privacy),
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
    listen(target, type, handler) {
      const wrapped = (event: Event): void => {
        try {
          handler(event);
        } catch (err) {
          report(err);
        }
      };
      target.addEventListener(type, wrapped, LISTEN_OPTIONS);
      return () => target.removeEventListener(type, wrapped, LISTEN_OPTIONS);
    },
  };
  return { ctx, emitter };
}
