import type { RrwebEvent } from '../schema/rrweb-event';
import { hidePassword } from './hide-password';
import { NO_FLOOR, stampRelease, type Floor } from './stamp-release';
import { isAction, isFocus, restamp } from './typing-events';

export { PASSWORD_PLACEHOLDER } from './hide-password';

/**
 * Keeps typing rhythm out of the recording. Keystroke timing identifies people
 * (a behavioural biometric), and rrweb records a DOM change per keystroke in
 * an editable region, or wherever a page shows a live counter, so the gaps
 * between those events would follow the typed gaps whatever the masking.
 *
 * During a typing burst (keystrokes less than `idleMs` apart) every event but
 * pointer positions is held back. When the burst ends (`idleMs` without a
 * keystroke, focus leaving, a submit) the release waits for a whole number of
 * seconds after the field's visit began, so a visit's duration shows in whole
 * seconds only; then what was held goes out in order at that time
 * (stamp-release.ts). Typing again before then, in this field or the next,
 * continues the burst. Per field only the value as typed (its masked length)
 * is kept, and for a password not even that. Pointer positions keep their own times: they
 * are recorded at rrweb's 100 ms sampling (README, Privacy).
 */
export interface TypingGuardOptions {
  /** Where released events go (the event buffer). */
  push: (event: RrwebEvent) => void;
  now: () => number;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  /** The recorded node is (or was) a password field. */
  isPassword: (nodeId: number) => boolean;
  idleMs?: number;
  /** Held at most; past it what is held goes out (stamped now) and holding goes on. */
  maxHeld?: number;
  maxBurstMs?: number;
}

export interface TypingGuard {
  /** An event from rrweb (after the scrubber). */
  push(event: RrwebEvent): void;
  /** A keystroke (keydown or input): a burst starts or goes on. */
  keystroke(): void;
  /** Focus left a field, or a form was submitted: the burst ends now. */
  end(): void;
  /** The page is going (pagehide, hidden, stop): release what is held at once. */
  flush(): void;
  /** The clock for events added after the guard (the page-end marker): never before what it released. */
  now(): number;
  dispose(): void;
}

export function createTypingGuard(opts: TypingGuardOptions): TypingGuard {
  const idleMs = opts.idleMs ?? 1000;
  const maxHeld = opts.maxHeld ?? 5000;
  const maxBurstMs = opts.maxBurstMs ?? 60_000;
  let held: RrwebEvent[] = [];
  let holding = false;
  let burstStart = 0;
  let lastKeystroke = 0;
  let idleTimer: unknown = null;
  let releaseTimer: unknown = null;
  /** When the current field visit began, as the recording shows it (its focus event's time). */
  let visitStart: number | null = null;
  /**
   * The latest time put out so far. A release can be stamped ahead of the clock (the whole second);
   * what comes after it goes on from there, so the recording stays in time order.
   */
  let floor: Floor = NO_FLOOR;

  const emit = (events: readonly RrwebEvent[], stamp: number) => {
    // A focus inside: the visit begins, in the recording, at the release.
    if (events.some(isFocus)) visitStart = stamp;
    // Never before the burst's last keystroke (only if focus left within the same millisecond).
    const out = stampRelease(events, Math.max(stamp - 1, lastKeystroke), floor);
    floor = out.floor;
    for (const event of out.events) opts.push(event);
  };

  const clear = () => {
    if (idleTimer !== null) opts.clearTimer(idleTimer);
    if (releaseTimer !== null) opts.clearTimer(releaseTimer);
    idleTimer = releaseTimer = null;
  };

  const release = (stamp: number) => {
    clear();
    holding = false;
    const out = held;
    held = [];
    emit(out, stamp);
  };

  /** An event that passes while released stamps are still ahead of the clock goes on from them by the same steps. */
  const inOrder = (event: RrwebEvent): RrwebEvent => {
    const action = isAction(event);
    const earliest = floor.at + (action || floor.isAction ? 1 : 0);
    if (event.timestamp >= earliest) {
      floor = { at: floor.at, isAction: false };
      return event;
    }
    floor = { at: earliest, isAction: action };
    return restamp(event, earliest);
  };

  const armIdle = () => {
    if (idleTimer !== null) opts.clearTimer(idleTimer);
    idleTimer = opts.setTimer(() => {
      idleTimer = null;
      endBurst();
    }, idleMs);
  };

  /** Held too much or too long: out it goes (stamped now), and the burst goes on from here. */
  const restartBurst = (now: number) => {
    release(now);
    holding = true;
    burstStart = now;
    armIdle();
  };

  const endBurst = () => {
    if (!holding || releaseTimer !== null) return;
    if (idleTimer !== null) opts.clearTimer(idleTimer);
    idleTimer = null;
    const end = opts.now();
    const start = visitStart !== null && visitStart <= end ? visitStart : null;
    // The visit shows whole seconds: the release waits for the next whole second after the visit began.
    const stamp = start === null ? end : start + Math.max(1, Math.ceil((end - start) / 1000)) * 1000;
    if (stamp <= end) return release(end);
    releaseTimer = opts.setTimer(() => {
      releaseTimer = null;
      release(stamp);
    }, stamp - end);
  };

  return {
    push(raw) {
      const event = hidePassword(raw, opts.isPassword);
      if (!holding) {
        const passed = inOrder(event);
        if (isFocus(passed)) visitStart = passed.timestamp;
        return opts.push(passed);
      }
      held.push(event);
      if (held.length >= maxHeld) restartBurst(opts.now());
    },
    keystroke() {
      const now = opts.now();
      lastKeystroke = now;
      if (releaseTimer !== null) {
        // Typing again before the release (here or in the next field): still the same burst.
        opts.clearTimer(releaseTimer);
        releaseTimer = null;
      }
      if (holding && now - burstStart > maxBurstMs) return restartBurst(now);
      if (!holding) {
        holding = true;
        burstStart = now;
      }
      armIdle();
    },
    end: endBurst,
    now: () => Math.max(opts.now(), floor.at + (floor.isAction ? 1 : 0)),
    flush() {
      if (holding) release(opts.now());
    },
    dispose() {
      clear();
      held = [];
      holding = false;
    },
  };
}
