import { z } from 'zod';
import { SHOT_TRIGGERS } from './screenshot';
import { MAX_SHOT_REGIONS } from './shot-limits';
import { shotRegionsRequestSchema, type ShotRegionsRequest } from './worker-to-recorder';

export { MAX_SHOT_REGIONS };

/**
 * What a page tells the worker before and after each screenshot (issue 15):
 * the regions to black out, by kind only (never their text), with the
 * viewport and scroll they were measured in. Crosses the recorder port.
 */
export const SHOT_REGION_KINDS = ['field', 'masked', 'blocked', 'pii-text', 'frame', 'canvas', 'video', 'embed', 'shadow-host'] as const;
export const shotRegionKindSchema = z.enum(SHOT_REGION_KINDS);
export type ShotRegionKind = z.infer<typeof shotRegionKindSchema>;

const coordinate = z.number().min(-1_000_000).max(1_000_000);
const length = z.number().min(0).max(1_000_000);

/** A rectangle in CSS px, relative to the viewport's top left corner. */
export const shotRectSchema = z.object({ x: coordinate, y: coordinate, width: length, height: length });
export type ShotRect = z.infer<typeof shotRectSchema>;

export const shotRegionSchema = shotRectSchema.extend({ kind: shotRegionKindSchema });
export type ShotRegion = z.infer<typeof shotRegionSchema>;

export const shotRegionsReportSchema = z.object({
  /** The worker's request this answers. */
  requestId: z.int().min(0),
  /** The page's own count of reports, rising. */
  seq: z.int().min(0),
  /** Null when the page may be shot now; otherwise the precondition that failed (and `regions` is empty: never used to redact). */
  refused: z.string().max(200).nullable(),
  viewport: z.object({ width: z.int().min(0).max(20_000), height: z.int().min(0).max(20_000) }),
  scroll: z.object({ x: z.number().min(-1_000_000).max(10_000_000), y: z.number().min(-1_000_000).max(10_000_000) }),
  /** Since the request that armed it (`arm: true`): a scroll, resize, URL change or a mutation in or above a region. */
  changed: z.boolean(),
  /** Counts every change the page saw; a periodic shot is taken only when it moved since the last shot. */
  epoch: z.int().min(0),
  regions: z.array(shotRegionSchema).max(MAX_SHOT_REGIONS),
  /**
   * The in-page recording indicator (issue 19) when this report was made: none on the page, hidden
   * (and the hiding painted) for the shot, or shown. A shot between reports that are not both
   * "absent" or "hidden" is never kept.
   */
  indicator: z.enum(['absent', 'hidden', 'shown']),
});
export type ShotRegionsReport = z.infer<typeof shotRegionsReportSchema>;

export { shotRegionsRequestSchema, type ShotRegionsRequest };

/** Page → worker: the answer. */
export const shotRegionsMessageSchema = z.object({ kind: z.literal('shot-regions'), report: shotRegionsReportSchema });

/** Page → worker: a person's trusted pointerdown or keydown, a before-action shot's trigger. */
export const shotTriggerMessageSchema = z.object({
  kind: z.literal('shot-trigger'),
  trigger: z.enum(SHOT_TRIGGERS).extract(['before-action']),
  at: z.int().min(0),
  /** The page's change epoch just before the action (as in a report); absent, the worker never skips the shot. */
  epoch: z.int().min(0).optional(),
});
