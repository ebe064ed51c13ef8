import type { Action } from '../schema/action';
import type { ActionDraft, Teardown } from './context';
import { clampText } from './text';

export interface EmitterDeps {
  emit: (action: Action) => void;
  now: () => number;
  href: () => string;
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
 * own emit from re-entering the flushers.
 */
export function createEmitter(deps: EmitterDeps): Emitter {
  const flushers = new Set<() => void>();
  let flushing = false;
  let closed = false;

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

  const emit = (draft: ActionDraft, self?: () => void): void => {
    if (closed) return;
    flushAll(self);
    try {
      const { type, ...rest } = draft;
      const action: Action = { type, t: deps.now(), url: clampText(deps.href(), 8192), ...rest };
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
