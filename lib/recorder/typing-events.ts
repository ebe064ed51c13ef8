import { ACTION_EVENT_TAG } from '../schema/action-names';
import type { RrwebEvent } from '../schema/rrweb-event';

/** The kinds of rrweb event the typing guard tells apart, and how it restamps one. */
const EVENT_INCREMENTAL = 3;
export const EVENT_CUSTOM = 5;
export const SOURCE_MUTATION = 0;
export const SOURCE_INPUT = 5;
const MOUSE_INTERACTION = 2;
const FOCUS = 5;
/** MouseMove, TouchMove, Drag: pointer positions, sampled by rrweb. */
const POINTER_SOURCES = new Set([1, 6, 12]);

export type Data = Record<string, unknown>;
export const dataOf = (event: RrwebEvent): Data | null =>
  event.data !== null && typeof event.data === 'object' ? (event.data as Data) : null;
export const isIncremental = (event: RrwebEvent, source: number) => event.type === EVENT_INCREMENTAL && dataOf(event)?.source === source;
export const isPointer = (event: RrwebEvent) => event.type === EVENT_INCREMENTAL && POINTER_SOURCES.has(dataOf(event)?.source as number);
export const isAction = (event: RrwebEvent) => event.type === EVENT_CUSTOM && dataOf(event)?.tag === ACTION_EVENT_TAG;
export const isFocus = (event: RrwebEvent) => isIncremental(event, MOUSE_INTERACTION) && dataOf(event)?.type === FOCUS;

/** When it happened: an action at its gesture's start (`t`), which precedes what the gesture changed. */
export const timeOf = (event: RrwebEvent): number => {
  const t = isAction(event) ? (dataOf(event)?.payload as { t?: unknown } | undefined)?.t : undefined;
  return typeof t === 'number' ? t : event.timestamp;
};

/** The node a `type` action typed into (undefined for other actions). */
export const typedField = (event: RrwebEvent): unknown => {
  const action = dataOf(event)?.payload as { type?: unknown; target?: { nodeId?: unknown } | null } | undefined;
  return action?.type === 'type' ? action.target?.nodeId : undefined;
};

/** The event at `stamp`; an action inside also carries it as its time. */
export function restamp(event: RrwebEvent, stamp: number): RrwebEvent {
  if (event.timestamp === stamp && event.type !== EVENT_CUSTOM) return event;
  const data = dataOf(event);
  if (isAction(event) && data?.payload && typeof data.payload === 'object') {
    return { ...event, timestamp: stamp, data: { ...data, payload: { ...(data.payload as Data), t: stamp } } };
  }
  return { ...event, timestamp: stamp };
}
