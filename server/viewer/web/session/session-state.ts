import type { Action } from '../../../../lib/schema/action';
import type { RrwebEvent } from '../../../../lib/schema/rrweb-event';
import { createActionClock, type ActionClock } from './action-times';
import type { EventDigest } from './event-digest';
import type { Player } from './player';
import type { ShotMark } from './shot-marks';

/** What the session view has of its session so far; the loaders fill it, the playback reads it. */
export interface SessionState {
  readonly origin: number;
  readonly duration: number;
  readonly digest: EventDigest;
  readonly events: RrwebEvent[];
  actions: Action[];
  /** Each action's time from the session's start. */
  offsets: number[];
  clock: ActionClock;
  /** The session's screenshots on the replay's clock (none until loaded, and for a downloaded file). */
  shots: ShotMark[];
  player: Player | null;
  /** Every event page has arrived. */
  complete: boolean;
  disposed: boolean;
  skipInactive: boolean;
}

export function createSessionState(origin: number, duration: number, digest: EventDigest): SessionState {
  return {
    origin,
    duration,
    digest,
    events: [],
    actions: [],
    offsets: [],
    clock: createActionClock([]),
    shots: [],
    player: null,
    complete: false,
    disposed: false,
    skipInactive: true,
  };
}
