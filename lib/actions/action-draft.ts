import type { Action } from '../schema/action';

/**
 * An action before the emitter stamps it with `t`, `url` and (when it changed)
 * `viewport`. A draft prepared earlier (a choice described at pointerdown and
 * committed on pointerup) brings its own `t`: when its target was there.
 * Its own module, below both the capture context and the gesture state that use it.
 */
export type ActionDraft = Omit<Action, 't' | 'url'> & { t?: number };
