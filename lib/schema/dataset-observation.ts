import { z } from 'zod';
import { boxSchema, int, pointSchema, sizeSchema } from './dataset-primitives';

/** What a step's observation holds besides its screenshot: viewport, scale, scroll and the elements in view. */

export const candidateSchema = z.object({
  node_id: int,
  tag: z.string(),
  role: z.string().nullable(),
  name: z.string(),
  bbox_css: boxSchema,
  in_viewport: z.boolean(),
  is_target: z.boolean(),
});
export type Candidate = z.infer<typeof candidateSchema>;

export const observationSchema = z.object({
  viewport: sizeSchema.describe('the viewport in CSS px, as recorded and replayed'),
  dpr: z
    .number()
    .describe('the recorded devicePixelRatio in force at the step (device px per CSS px); 1 with `dpr_assumed` when none was recorded'),
  dpr_assumed: z.boolean(),
  scroll_xy: pointSchema,
  screenshot_size: sizeSchema.nullable().describe('the screenshot in device px: viewport times `screenshot_scale`'),
  screenshot_scale: z.number().nullable().describe('screenshot pixels per CSS px: the recorded devicePixelRatio'),
  candidates: z.array(candidateSchema),
});
export type Observation = z.infer<typeof observationSchema>;
