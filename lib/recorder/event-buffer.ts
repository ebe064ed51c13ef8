import { pageEndEvent } from '../schema/marker-events';
import type { PageEndReason, RecorderPageStats } from '../schema/page-end';
import type { RrwebEvent } from '../schema/rrweb-event';

/**
 * Collects rrweb events into runs that travel to the worker together, so the
 * page never sends one message per event. A run is cut when it is full, when
 * its oldest event has waited `maxDelayMs`, or when asked (page hidden, stop).
 * `end` closes the page's stream with a page-end marker (lib/schema/page-end.ts)
 * so the server can tell a page that ended from one whose tail is missing.
 */
export interface EventBufferOptions {
  maxEvents: number;
  maxDelayMs: number;
  onRun: (events: RrwebEvent[]) => void;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  /** Clock for the page-end marker (default Date.now). */
  now?: () => number;
  /** The page's recorder stats, carried by the page-end marker. */
  stats?: () => RecorderPageStats;
}

export interface EventBuffer {
  push(event: RrwebEvent): void;
  flush(): void;
  /** Appends the page-end marker and flushes: the run it sends is the page's last (until the page shows again). */
  end(reason: PageEndReason): void;
  dispose(): void;
}

/** rrweb's EventType.FullSnapshot: cut right after it so the first snapshot reaches the worker at once. */
const FULL_SNAPSHOT = 2;

export function createEventBuffer(opts: EventBufferOptions): EventBuffer {
  let events: RrwebEvent[] = [];
  let timer: unknown = null;

  const flush = () => {
    if (timer !== null) opts.clearTimer(timer);
    timer = null;
    if (events.length === 0) return;
    const run = events;
    events = [];
    opts.onRun(run);
  };

  return {
    push(event) {
      events.push(event);
      if (events.length >= opts.maxEvents || event.type === FULL_SNAPSHOT) return flush();
      if (timer === null) timer = opts.setTimer(flush, opts.maxDelayMs);
    },
    flush,
    end(reason) {
      events.push(pageEndEvent((opts.now ?? Date.now)(), reason, opts.stats?.()));
      flush();
    },
    dispose() {
      if (timer !== null) opts.clearTimer(timer);
      timer = null;
      events = [];
    },
  };
}
