import { ACTION_EVENT_TAG } from '../schema/action-names';
import type { RrwebEvent } from '../schema/rrweb-event';
import { dataOf, EVENT_CUSTOM, isIncremental, SOURCE_INPUT, SOURCE_MUTATION, type Data } from './typing-events';

/** What a password's value becomes in the recording, whatever its length. */
export const PASSWORD_PLACEHOLDER = '********';

/**
 * A password's value in the recording says nothing, not even its length: its
 * input events and `value` changes carry PASSWORD_PLACEHOLDER, and a `type`
 * action on it no length.
 */
export function hidePassword(event: RrwebEvent, isPassword: (id: number) => boolean): RrwebEvent {
  const data = dataOf(event);
  if (!data) return event;
  if (isIncremental(event, SOURCE_INPUT) && typeof data.id === 'number' && isPassword(data.id)) {
    return { ...event, data: { ...data, text: PASSWORD_PLACEHOLDER } };
  }
  if (isIncremental(event, SOURCE_MUTATION) && Array.isArray(data.attributes)) {
    let changed = false;
    const attributes = (data.attributes as Array<{ id: number; attributes: Data }>).map((a) => {
      if (!a || typeof a.attributes?.value !== 'string' || !isPassword(a.id)) return a;
      changed = true;
      return { ...a, attributes: { ...a.attributes, value: PASSWORD_PLACEHOLDER } };
    });
    return changed ? { ...event, data: { ...data, attributes } } : event;
  }
  if (event.type === EVENT_CUSTOM && data.tag === ACTION_EVENT_TAG) {
    const action = data.payload as { type?: unknown; target?: { inputType?: unknown; nodeId?: unknown } | null; value?: unknown } | null;
    const target = action?.target;
    const password = target?.inputType === 'password' || (typeof target?.nodeId === 'number' && isPassword(target.nodeId));
    if (action?.type === 'type' && password) return { ...event, data: { ...data, payload: { ...action, value: { kind: 'none' } } } };
  }
  return event;
}
