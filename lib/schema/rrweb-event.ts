import { z } from 'zod';
import { ACTION_EVENT_TAG, actionSchema, type Action } from './action';
import { RRWEB_CUSTOM_EVENT } from './rrweb-event-type';

export { RRWEB_CUSTOM_EVENT };

/**
 * The envelope every rrweb event shares. The payload (`data`) is rrweb's own
 * and stays opaque here: rrweb validates its shape on replay.
 */
export const rrwebEventSchema = z.looseObject({
  type: z.int().min(0).max(10),
  timestamp: z.number(),
  data: z.unknown(),
});
export type RrwebEvent = z.infer<typeof rrwebEventSchema>;

/** The action carried by an rrweb event, or null when it is not one of ours (or is malformed). */
export function actionFromEvent(event: RrwebEvent): Action | null {
  if (event.type !== RRWEB_CUSTOM_EVENT) return null;
  const data = event.data as { tag?: unknown; payload?: unknown } | null;
  if (!data || data.tag !== ACTION_EVENT_TAG) return null;
  const parsed = actionSchema.safeParse(data.payload);
  return parsed.success ? parsed.data : null;
}
