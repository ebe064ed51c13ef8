import type { Action } from '../schema/action';
import type { Feature, Teardown, Timers } from './context';
import { createContext, type ActionCaptureOptions } from './create-context';
import { initCheck } from './listeners/check';
import { initClick } from './listeners/click';
import { initKey } from './listeners/key';
import { initNavigate } from './listeners/navigate';
import { initScroll } from './listeners/scroll';
import { initSelect } from './listeners/select';
import { initSubmit } from './listeners/submit';
import { initType } from './listeners/type';

export type { ActionCaptureOptions } from './create-context';

/**
 * Features in start order. The order matters twice: flushers run in it before
 * every action (pending typing before a silently changed URL, before the new
 * action), and listeners on the same event run in it (the `key` Enter before
 * the `select` it makes). navigate emits the initial 'load'.
 */
const FEATURES: readonly Feature[] = [
  initType,
  initScroll,
  initCheck,
  initNavigate,
  initKey,
  initClick,
  initSelect,
  initSubmit,
];

/**
 * Starts semantic action capture in a content script next to rrweb's record().
 * Returns stop(): flushes pending type/scroll/check actions, then removes every
 * listener and timer. Calling stop() again does nothing.
 */
export function startActionCapture(options: ActionCaptureOptions): () => void {
  const { ctx, emitter } = createContext(options);
  const teardowns: Teardown[] = [];
  for (const feature of FEATURES) {
    try {
      teardowns.push(feature(ctx));
    } catch (err) {
      ctx.report(err); // one broken feature must not stop the others
    }
  }
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    emitter.flushAll();
    emitter.close();
    for (const teardown of teardowns) {
      try {
        teardown();
      } catch (err) {
        ctx.report(err);
      }
    }
  };
}
