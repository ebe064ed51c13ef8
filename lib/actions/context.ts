import type { Action } from '../schema/action';
import type { TargetPrivacy } from './target/target-privacy';

/** Timer functions, injectable so tests drive coalescing with fake timers. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

/** An action before the emitter stamps it with `t` and `url`. */
export type ActionDraft = Omit<Action, 't' | 'url'>;

export type Teardown = () => void;

/** What every capture feature receives: the injected environment plus the shared emitter. */
export interface CaptureContext {
  readonly doc: Document;
  readonly win: Window;
  readonly timers: Timers;
  /** What text an action may take from an element (blocked and masked regions, maskAllText). */
  readonly privacy: TargetPrivacy;
  now(): number;
  /** rrweb mirror id; never throws (-1 when unknown or when the callback failed). */
  nodeId(node: Node): number;
  /** Passes an error to onError; never throws itself. */
  report(err: unknown): void;
  /**
   * Runs the flushers (pending typing, scrolling, check reads), then stamps and
   * emits. A feature emitting its own pending action passes its flusher as
   * `self` so its other pending actions are not pushed out ahead of this one.
   */
  emit(draft: ActionDraft, self?: () => void): void;
  /** Registers a flusher run before every other emitted action and on stop. */
  addFlusher(flush: () => void): Teardown;
  /** Adds a capture+passive listener whose exceptions go to report(); returns its removal. */
  listen(target: EventTarget, type: string, handler: (event: Event) => void): Teardown;
}

/** A feature (one listener file): starts listening, returns its teardown. */
export type Feature = (ctx: CaptureContext) => Teardown;
