import type { RrwebEvent } from '../schema/rrweb-event';
import { dataOf, isAction, isIncremental, isPointer, restamp, SOURCE_INPUT, timeOf, typedField } from './typing-events';

/** The latest time the guard has put out, and whether an action holds it (what follows goes 1 ms later). */
export interface Floor {
  at: number;
  isAction: boolean;
}

export const NO_FLOOR: Floor = { at: -Infinity, isAction: false };

/**
 * A held burst as it goes out, in the order things happened (an action at its
 * gesture's start, before what the gesture changed). Pointer positions keep
 * their own times (clamped to `before`). Each action goes a millisecond after
 * what came before it, and what follows an action a millisecond after it: a
 * replay seeking to an action shows the page just before it, never what later
 * ones did. The steps count actions, not time, and start no earlier than the floor.
 */
export function stampRelease(held: readonly RrwebEvent[], before: number, floor: Floor): { events: RrwebEvent[]; floor: Floor } {
  const events: RrwebEvent[] = [];
  for (const event of held) if (isPointer(event)) events.push(event.timestamp > before ? restamp(event, before) : event);
  const kept = keepValueAsTyped(held.filter((event) => !isPointer(event)));
  let at = Math.max(before, floor.at);
  let afterAction = at === floor.at && floor.isAction;
  for (const event of kept) {
    const action = isAction(event);
    if (action || afterAction) at++;
    afterAction = action;
    events.push(restamp(event, at));
  }
  return { events, floor: kept.length > 0 ? { at, isAction: afterAction } : floor };
}

/**
 * A field's value once per `type` action, as it was when typed, sorted just
 * before that action: the lengths it went through are gone with their times,
 * and a later change (a form reset) stays after the action. The rest in time order.
 */
function keepValueAsTyped(events: readonly RrwebEvent[]): RrwebEvent[] {
  const lastInput = new Map<string, RrwebEvent>();
  const inputKey = new Map<RrwebEvent, string>();
  const typings = new Map<unknown, number>();
  /** When each field's n-th `type` action happened. */
  const typedAt = new Map<string, number>();
  let justTyped: unknown;
  for (const event of events) {
    const field = typedField(event);
    if (field !== undefined) {
      typedAt.set(`${String(field)}:${typings.get(field) ?? 0}`, timeOf(event));
      typings.set(field, (typings.get(field) ?? 0) + 1);
      justTyped = field;
    } else if (isAction(event)) justTyped = undefined;
    if (!isIncremental(event, SOURCE_INPUT)) continue;
    const id = dataOf(event)!.id;
    // rrweb reports the value again as focus leaves, just after the type action: it is that typing's.
    const generation = (typings.get(id) ?? 0) - (justTyped === id ? 1 : 0);
    const key = `${String(id)}:${generation}`;
    inputKey.set(event, key);
    lastInput.set(key, event);
  }
  const orderOf = (event: RrwebEvent): number => {
    const typed = inputKey.has(event) ? typedAt.get(inputKey.get(event)!) : undefined;
    return typed === undefined ? timeOf(event) : Math.min(timeOf(event), typed - 0.5);
  };
  return events
    .filter((event) => !inputKey.has(event) || lastInput.get(inputKey.get(event)!) === event)
    .map((event, i) => ({ event, i, at: orderOf(event) }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map(({ event }) => event);
}
