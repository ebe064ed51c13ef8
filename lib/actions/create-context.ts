import type { Action } from '../schema/action';
import type { CaptureContext, Timers } from './context';
import { createEmitter, type Emitter } from './emitter';

export interface ContextDeps {
  doc: Document;
  win: Window;
  emit: (action: Action) => void;
  nodeId: (node: Node) => number;
  now: () => number;
  onError: (err: unknown) => void;
  timers?: Timers;
}

const LISTEN_OPTIONS: AddEventListenerOptions = { capture: true, passive: true };

/** Builds the shared context: guarded callbacks, the emitter and a listener helper. */
export function createContext(deps: ContextDeps): { ctx: CaptureContext; emitter: Emitter } {
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
