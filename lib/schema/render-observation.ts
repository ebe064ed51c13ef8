import { z } from 'zod';
import { SELECTOR_KINDS } from './action';
import { candidateSchema } from './dataset-observation';
import { boxSchema, pointSchema, sizeSchema } from './dataset-primitives';
import { LOCATED } from './dataset-step-target';

/**
 * What the exporter's replay page (exporter/render/page/, running in headless
 * Chromium) is asked about the replayed DOM at one step, and what it answers.
 * The answer crosses from the browser to Node and is parsed here.
 */
export const observeRequestSchema = z.object({
  /** The recorded target's rrweb id (-1 or null: none). */
  nodeId: z.int().nullable(),
  selectors: z.array(z.object({ kind: z.enum(SELECTOR_KINDS), value: z.string() })),
  /** Where to look when neither the id nor a selector finds the target (viewport CSS px). */
  point: pointSchema.nullable(),
  topK: z.int().min(0).max(500),
  /** Serialise the DOM and the accessibility tree (off for the fast no-DOM paths). */
  full: z.boolean(),
});
export type ObserveRequest = z.infer<typeof observeRequestSchema>;

export const observeAnswerSchema = z.object({
  /** A document has been rebuilt by the replay (false before the first full snapshot). */
  ready: z.boolean(),
  title: z.string().nullable(),
  viewport: sizeSchema,
  scroll: pointSchema,
  located: z.enum(LOCATED),
  /** The rrweb id of the node that was located (the recorded one, or what a selector/point found). */
  nodeId: z.int().nullable(),
  bbox: boxSchema.nullable(),
  /** The located element's own scroll offset (for element scrolls), null for the page. */
  elementScroll: pointSchema.nullable(),
  /** Same order as the request's selectors. */
  selectors: z.array(z.object({ matchCount: z.int().nonnegative(), verified: z.boolean() })),
  domHtml: z.string().nullable(),
  axtree: z.string().nullable(),
  candidates: z.array(candidateSchema),
});
export type ObserveAnswer = z.infer<typeof observeAnswerSchema>;
