import type { FrameStep } from '../schema/action';
import type { ActionDraft } from './action-draft';
import type { GestureState } from './gesture/gesture-state';
import type { TargetPrivacy } from './target/target-privacy';

/** Timer functions, injectable so tests drive coalescing with fake timers. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

export type Teardown = () => void;

/** What the capture counts about the page, for the recorder's stats. */
export interface CaptureStats {
  /** Events a page script dispatched (isTrusted false) that were ignored. */
  untrustedEvents: number;
}

/** Offset of a frame's viewport in the top-level viewport, CSS px. */
export interface Offset {
  x: number;
  y: number;
}

/** What every capture feature receives: the injected environment plus the shared emitter. */
export interface CaptureContext {
  /** The document this feature instance listens to (the top document, or a same-origin iframe's). */
  readonly doc: Document;
  readonly win: Window;
  readonly timers: Timers;
  /** What text an action may take from an element (blocked and masked regions, maskAllText). */
  readonly privacy: TargetPrivacy;
  /** The iframe elements from the top document down to `doc`; null in the top document. */
  readonly frame: FrameStep[] | null;
  /** Where `doc`'s viewport sits in the top-level viewport (0,0 in the top document). */
  frameOffset(): Offset;
  /** Pointer, keyboard and popup memory shared by the listeners of every document. */
  readonly gesture: GestureState;
  readonly stats: CaptureStats;
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
  /**
   * Adds a capture+passive listener whose exceptions go to report(); returns
   * its removal. Only trusted events reach the handler (the person's input);
   * the others are counted in stats.untrustedEvents. `anyEvent` lets every
   * event through, for events that are the page's, not the person's (navigation, load).
   */
  listen(target: EventTarget, type: string, handler: (event: Event) => void, anyEvent?: boolean): Teardown;
}

/** A feature (one listener file): starts listening, returns its teardown. */
export type Feature = (ctx: CaptureContext) => Teardown;
