import type { Action } from '../schema/action';
import type { ActionDraft } from './action-draft';
import type { Teardown } from './context';
import { clampText } from './text';

export interface EmitterDeps {
  emit: (action: Action) => void;
  now: () => number;
  href: () => string;
  /** The top-level viewport now (three property reads); null when unusable. */
  viewport?: () => Action['viewport'] | null;
  report: (err: unknown) => void;
}

export interface Emitter {
  /** `self`: the caller's own flusher, skipped so its other pending actions keep their order. */
  emit(draft: ActionDraft, self?: () => void): void;
  addFlusher(flush: () => void): Teardown;
  /** Runs every flusher (used by stop()). */
  flushAll(): void;
  /** After close(), nothing more is emitted. */
  close(): void;
}

/**
 * Single exit for actions. Flushers run first so merged actions (typing,
 * scrolling) land before the action that ended them; a flag keeps a flusher's
 * own emit from re-entering the flushers. The first action (and any action
 * before which the viewport changed) carries the viewport.
 */
export function createEmitter(deps: EmitterDeps): Emitter {
  const flushers = new Set<() => void>();
  let flushing = false;
  let closed = false;
  let lastViewport = '';

  const viewportChange = (): Pick<Action, 'viewport'> => {
    const viewport = deps.viewport?.();
    if (!viewport) return {};
    const key = `${viewport.width}x${viewport.height}@${viewport.devicePixelRatio}`;
    if (key === lastViewport) return {};
    lastViewport = key;
    return { viewport };
  };

  const flushAll = (self?: () => void): void => {
    if (flushing) return;
    flushing = true;
    try {
      for (const flush of [...flushers]) {
        if (flush === self) continue;
        try {
          flush();
        } catch (err) {
          deps.report(err);
        }
      }
    } finally {
      flushing = false;
    }
  };

  // Actions flushed ahead of a draft with an earlier time take that time, so `t` never goes backwards.
  let cap: number | null = null;
  const stamp = (): number => (cap === null ? deps.now() : Math.min(deps.now(), cap));

  const emit = (draft: ActionDraft, self?: () => void): void => {
    if (closed) return;
    const outer = cap;
    if (draft.t !== undefined) cap = Math.min(draft.t, cap ?? draft.t);
    try {
      flushAll(self);
    } finally {
      cap = outer;
    }
    try {
      const { type, t, ...rest } = draft;
      const action: Action = { type, t: t ?? stamp(), url: clampText(deps.href(), 8192), ...rest, ...viewportChange() };
      deps.emit(action);
    } catch (err) {
      deps.report(err);
    }
  };

  return {
    emit,
    flushAll: () => flushAll(),
    addFlusher(flush) {
      flushers.add(flush);
      return () => flushers.delete(flush);
    },
    close() {
      closed = true;
      flushers.clear();
    },
  };
}
