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

/** Where a step's screenshot came from: a shot the extension captured (issue 15), or the exporter's replay rendering. */
export const SCREENSHOT_SOURCES = ['capture', 'replay'] as const;
export type ScreenshotSource = (typeof SCREENSHOT_SOURCES)[number];

export const observationSchema = z.object({
  viewport: sizeSchema.describe('the viewport in CSS px, as recorded and replayed'),
  dpr: z
    .number()
    .describe('the recorded devicePixelRatio in force at the step (device px per CSS px); 1 with `dpr_assumed` when none was recorded'),
  dpr_assumed: z.boolean(),
  scroll_xy: pointSchema,
  screenshot_size: sizeSchema
    .nullable()
    .describe('the screenshot in pixels: a rendering is the viewport times `screenshot_scale`; a capture has its stored image size'),
  screenshot_scale: z
    .number()
    .nullable()
    .describe(
      "screenshot pixels per CSS px: the recorded devicePixelRatio for a rendering, the capture's own scale (after its downscale) for a capture",
    ),
  screenshot_source: z
    .enum(SCREENSHOT_SOURCES)
    .nullable()
    .describe(
      '`capture`: a redacted shot the extension took at most `screenshot_gap_ms` before the action; `replay`: rendered from the recording; null: no screenshot',
    ),
  screenshot_gap_ms: int.nullable().describe('for a capture, the action time minus the time the shot was taken (ms, >= 0); null otherwise'),
  candidates: z.array(candidateSchema),
});
export type Observation = z.infer<typeof observationSchema>;
