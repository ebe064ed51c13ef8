import type { Action } from '../../../../lib/schema/action';

/**
 * Where each action sits on the replay's clock. Times are milliseconds since
 * the session's first event (its `startedAt`), the same clock as the player.
 */
export function actionOffsets(actions: readonly Pick<Action, 't'>[], origin: number): number[] {
  return actions.map((a) => Math.max(0, a.t - origin));
}

/**
 * When to show an action. rrweb writes a field's value (on `change`) in the
 * same millisecond as, and just before, the action that reports it, and a
 * replay at time T shows only events before T; so an action that sets a value
 * (typing, choosing in a native select, checking) is shown 1 ms later, with
 * its value in place. Any other action is shown at its own time, before its
 * effects (a click that removes its button still shows the button).
 */
export function seekTimeOf(action: Pick<Action, 'type' | 'target'>, offset: number): number {
  const setsValue = action.type === 'type' || action.type === 'check' || (action.type === 'select' && action.target?.tag === 'select');
  return setsValue ? offset + 1 : offset;
}

export interface ActionClock {
  /** The action in effect at `time`: the last one at or before it (-1 before the first). */
  indexAt(time: number): number;
}

/**
 * Actions arrive in recording order, which is almost always time order; a
 * sorted copy keeps lookups correct when it is not. Equal times resolve to
 * the later action in the list, so stepping through the list never goes back.
 */
export function createActionClock(offsets: readonly number[]): ActionClock {
  const order = offsets.map((_, i) => i).sort((a, b) => offsets[a]! - offsets[b]! || a - b);
  const sorted = order.map((i) => offsets[i]!);
  return {
    indexAt(time) {
      let lo = 0;
      let hi = sorted.length; // first position with sorted[pos] > time
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid]! <= time) lo = mid + 1;
        else hi = mid;
      }
      return lo === 0 ? -1 : order[lo - 1]!;
    },
  };
}
