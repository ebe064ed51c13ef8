import type { RrwebEvent } from '../schema/rrweb-event';

/**
 * Runs each rrweb event through the recorder's own stages (depth cut,
 * scrubber, typing guard, buffer, port) strictly in the order rrweb emitted
 * them, without adding to rrweb's own long tasks. An ordinary event runs at
 * once, as before. A deferred one (a full snapshot: on a big page rrweb's
 * snapshot is already a task of a second, and scrubbing and sending its tree
 * would double it) runs in later tasks instead, a slice at a time: its work
 * is a generator and each `yield` is a point where the page may get a turn;
 * slices run back to back until `budgetMs` is spent. Everything emitted while
 * a deferred event is pending waits behind it, so nothing is reordered.
 * `drain` runs whatever waits at once (the page is going, or recording stops).
 */
export type Work = Iterator<void, void, undefined>;

export interface EventPipelineOptions {
  /** The work for one event; its `yield`s only matter when the event is deferred. */
  start(event: RrwebEvent): Work;
  /** Whether an event's work goes to later tasks. */
  defer(event: RrwebEvent): boolean;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  now: () => number;
  /** A failed stage: reported, and that event's remaining work is dropped; the events behind it go on. */
  onError: (err: unknown) => void;
  /** Time one task spends on deferred work before handing the page a turn. */
  budgetMs?: number;
}

export interface EventPipeline {
  push(event: RrwebEvent): void;
  /** Runs everything waiting, now, in order. */
  drain(): void;
  /** Events waiting (the one in progress included). */
  readonly pending: number;
  dispose(): void;
}

export const DEFAULT_SLICE_BUDGET_MS = 40;

export function createEventPipeline(opts: EventPipelineOptions): EventPipeline {
  const budgetMs = opts.budgetMs ?? DEFAULT_SLICE_BUDGET_MS;
  const waiting: RrwebEvent[] = [];
  let current: { work: Work; deferred: boolean } | null = null;
  let timer: unknown = null;
  let disposed = false;
  let pumping = false;

  /** One slice of the current work; true when that work is finished (or failed). */
  const step = (): boolean => {
    try {
      if (!current!.work.next().done) return false;
    } catch (err) {
      opts.onError(err);
    }
    current = null;
    return true;
  };

  const schedule = () => {
    if (timer === null && !disposed) timer = opts.setTimer(onTimer, 0);
  };

  /** Runs waiting work in order; deferred work only when `sync` (drain) or when a task of its own runs it. */
  const pump = (sync: boolean) => {
    // A stage may push (an action emitted while handing over): it joins the queue, the loop below runs it.
    if (pumping) return;
    pumping = true;
    try {
      for (;;) {
        if (current === null) {
          const event = waiting.shift();
          if (event === undefined) return;
          current = { work: opts.start(event), deferred: opts.defer(event) };
          if (current.deferred && !sync) return schedule();
        }
        if (current.deferred && !sync) return schedule();
        while (!step()) {
          // all of it, now
        }
      }
    } finally {
      pumping = false;
    }
  };

  function onTimer(): void {
    timer = null;
    if (disposed || current === null) return pump(false);
    const until = opts.now() + budgetMs;
    let finished: boolean;
    do finished = step();
    while (!finished && opts.now() < until);
    if (!finished) return schedule();
    pump(false);
  }

  return {
    push(event) {
      if (disposed) return;
      waiting.push(event);
      if (current === null || !current.deferred) pump(false);
    },
    drain() {
      if (timer !== null) opts.clearTimer(timer);
      timer = null;
      if (current && !pumping) {
        while (!step()) {
          // the rest of the deferred work, now
        }
      }
      pump(true);
    },
    get pending() {
      return waiting.length + (current ? 1 : 0);
    },
    dispose() {
      disposed = true;
      if (timer !== null) opts.clearTimer(timer);
      timer = null;
      waiting.length = 0;
      current = null;
    },
  };
}
