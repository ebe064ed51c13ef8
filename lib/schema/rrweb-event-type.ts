/** rrweb's EventType.Custom: the event type actions and the recorder's markers travel as. */
export const RRWEB_CUSTOM_EVENT = 5;
