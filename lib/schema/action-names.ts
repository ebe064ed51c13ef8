/**
 * The action schema's names and the custom-event tag, without the schema
 * (lib/schema/action.ts builds it from these): the recorder imports them
 * without constructing every schema of the action at its start.
 */
export const ACTION_TYPES = ['click', 'select', 'type', 'check', 'submit', 'key', 'navigate', 'scroll'] as const;
/** Selector kinds, unique ones first in this order (lib/schema/action.ts says what each value is). */
export const SELECTOR_KINDS = ['testid', 'role', 'row', 'css', 'xpath'] as const;
export const MODIFIER_KEYS = ['Alt', 'Control', 'Meta', 'Shift'] as const;
/** rrweb custom-event tag under which actions travel in the event stream. */
export const ACTION_EVENT_TAG = 'webtrace.action';
