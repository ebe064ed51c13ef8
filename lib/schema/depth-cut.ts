import { z } from 'zod';
import { DEPTH_CUT_EVENT_TAG, depthCutEvent, RRWEB_CUSTOM_EVENT } from './marker-events';
import type { RrwebEvent } from './rrweb-event';

export { DEPTH_CUT_EVENT_TAG, depthCutEvent };

/**
 * The marker that follows an event whose node tree was cut at MAX_NODE_DEPTH
 * (lib/rrweb/cut-deep-nodes.ts): how many nodes were replaced by a placeholder
 * and how many below them were left out. It travels as an rrweb custom event,
 * so the server keeps it with the recording, and the worker counts it.
 */
export const depthCutPayloadSchema = z.object({
  placeholders: z.int().min(1),
  omitted: z.int().min(0),
  maxDepth: z.int().min(1),
});
export type DepthCut = z.infer<typeof depthCutPayloadSchema>;

/** The cut an event reports, or null when it is not a depth-cut marker. */
export function depthCutOf(event: RrwebEvent): DepthCut | null {
  if (event.type !== RRWEB_CUSTOM_EVENT) return null;
  const data = event.data as { tag?: unknown; payload?: unknown } | null;
  if (data?.tag !== DEPTH_CUT_EVENT_TAG) return null;
  const parsed = depthCutPayloadSchema.safeParse(data.payload);
  return parsed.success ? parsed.data : null;
}
