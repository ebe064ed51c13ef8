import type { CaptureContext, CaptureStats, Feature, Teardown } from './context';
import { createContext, type ActionCaptureOptions } from './create-context';
import { initCheck } from './listeners/check';
import { initFrames } from './listeners/frames';
import { initKeyboard } from './listeners/keyboard';
import { initNavigate } from './listeners/navigate';
import { initPointer } from './listeners/pointer';
import { initScroll } from './listeners/scroll';
import { initSelect } from './listeners/select';
import { initSubmit } from './listeners/submit';
import { initType } from './listeners/type';

export type { ActionCaptureOptions } from './create-context';

/**
 * Features of every document (top and same-origin iframes), in start order.
 * The order matters twice: flushers run in it before every action (pending
 * typing before the new action), and listeners on the same event run in it.
 */
const DOCUMENT_FEATURES: readonly Feature[] = [initType, initScroll, initCheck, initKeyboard, initPointer, initSelect, initSubmit];

/** Starts the features on one document; one broken feature must not stop the others. */
function listenTo(ctx: CaptureContext): Teardown {
  const teardowns: Teardown[] = [];
  for (const feature of [...DOCUMENT_FEATURES, initFrames(listenTo)]) {
    try {
      teardowns.push(feature(ctx));
    } catch (err) {
      ctx.report(err);
    }
  }
  return () => {
    for (const teardown of teardowns) {
      try {
        teardown();
      } catch (err) {
        ctx.report(err);
      }
    }
  };
}

export interface ActionCapture {
  /** Flushes pending type/scroll/check actions, then removes every listener and timer; again: nothing. */
  stop(): void;
  /** Counters for the recorder's stats (untrusted events ignored). */
  readonly stats: Readonly<CaptureStats>;
}

/**
 * Starts semantic action capture in a content script next to rrweb's record():
 * navigate (which emits the initial 'load') on the top document, the other
 * features on it and on every same-origin iframe inside it.
 */
export function startActionCapture(options: ActionCaptureOptions): ActionCapture {
  const { ctx, emitter, stats } = createContext(options);
  const teardowns: Teardown[] = [];
  try {
    teardowns.push(initNavigate(ctx));
  } catch (err) {
    ctx.report(err);
  }
  teardowns.push(listenTo(ctx));
  let stopped = false;
  return {
    stats,
    stop() {
      if (stopped) return;
      stopped = true;
      emitter.flushAll();
      emitter.close();
      for (const teardown of teardowns) teardown();
    },
  };
}
