import { z } from 'zod';
import { SPLITS } from './dataset-primitives';
import { exportIdSchema, installPseudonymSchema } from './export-lineage';

/**
 * manifest.json of an exported dataset (exporter/): what was exported with
 * which settings, how much of it, how good its grounding is, and the sha256
 * of every file. Written last: a folder without one is not a finished export.
 * The exporter reads it back to skip a finished export and to merge shards.
 */
export const DATASET_FORMAT = 'webtrace-dataset';
/** Semver of the row schemas and folder layout. */
export const DATASET_SCHEMA_VERSION = '2.3.0';

const count = z.int().nonnegative();
const perSplit = <T extends z.ZodType>(t: T) => z.object({ train: t, test_task: t, test_site: t });

export const splitCountsSchema = z.object({ episodes: count, steps: count, grounding: count });
export type SplitCounts = z.infer<typeof splitCountsSchema>;

/**
 * Boxes and points in CSS px from the viewport's top-left. A screenshot's pixels are per step: a replay rendering is in
 * device px (CSS px times the recorded devicePixelRatio), a captured shot in its own downscaled image px; either way
 * the step's `screenshot_scale` says how many of them make one CSS px.
 */
export const COORDINATES = {
  boxes_and_points: 'css_px',
  origin: 'viewport_top_left',
  screenshots: 'screenshot_px',
  screenshot_scale: 'screenshot_px_per_css_px_per_step',
  norm: 'fraction_of_screenshot',
} as const;

/** `screenshot_capture`: some steps of the split carry a shot the extension captured (`observation.screenshot_source`). */
export const MODALITIES = ['screenshot', 'screenshot_capture', 'dom', 'axtree', 'candidates'] as const;

export const manifestSchema = z.object({
  format: z.literal(DATASET_FORMAT),
  schema_version: z.string().regex(/^\d+\.\d+\.\d+$/),
  generator: z.string(),
  /**
   * The export's id on the server that made it: the server keeps (never in the dataset) which install each
   * pseudonym below stands for, so the export can be rebuilt without an erased one (`--rebuild-of`).
   * A merged export's id is its own; its shards' ids (each recorded on the server) are in `merged_from`.
   */
  export_id: exportIdSchema,
  /** The export this one rebuilt (`--rebuild-of`), or null. */
  rebuild_of: exportIdSchema.nullable(),
  merged_from: z.array(exportIdSchema),
  /** The per-export pseudonyms of the installs whose steps are in it, sorted, with their counts. */
  installs: z.array(z.object({ pseudonym: installPseudonymSchema, episodes: count, steps: count })),
  /** Keyed digest of settings and input: the same run again has the same key (it proves nothing without the salt). */
  run_key: z.string(),
  filters: z.object({ sites: z.array(z.string()), from: z.number().nullable(), to: z.number().nullable() }),
  split_seed: z.string(),
  split_shares: z.object({ test_site: z.number(), test_task: z.number() }),
  idle_gap_ms: z.number(),
  rendered: z.boolean(),
  /** How long before its action a captured shot may be taken and still be the step's screenshot (ms). */
  capture_max_gap_ms: z.number(),
  image_format: z.string(),
  top_k: count,
  formats: z.array(z.string()),
  /** 1-based index of this part and how many parts the export was cut into. */
  shard: z.object({ index: z.int().positive(), count: z.int().positive() }),
  splits: z.array(z.enum(SPLITS)),
  counts: perSplit(splitCountsSchema),
  quality: z.object({
    steps_with_target: count,
    located: count,
    verified: count,
    located_share: z.number().nullable(),
    verified_share: z.number().nullable(),
  }),
  modalities: perSplit(z.array(z.enum(MODALITIES))),
  dropped: z.object({
    /** Steps the privacy gate dropped, each named `action_uid field kind`. */
    privacy_steps: count,
    privacy_named: z.array(z.string()),
    duplicate_episodes: count,
    split_conflicts: count,
    other_shards_episodes: count,
    bad_sessions: count,
    bad_chunks: count,
    bad_actions: count,
  }),
  /** The coordinate conventions of every box, point and image (also in the dataset card). */
  coordinates: z.object({
    boxes_and_points: z.literal('css_px'),
    origin: z.literal('viewport_top_left'),
    screenshots: z.literal('screenshot_px'),
    screenshot_scale: z.literal('screenshot_px_per_css_px_per_step'),
    norm: z.literal('fraction_of_screenshot'),
  }),
  /** What the documented columns mean, per table: `dotted.path` (list items `path[]`) -> description. */
  fields: z.object({
    steps: z.record(z.string(), z.string()),
    episodes: z.record(z.string(), z.string()),
    grounding: z.record(z.string(), z.string()),
  }),
  files: z.array(z.object({ path: z.string(), bytes: count, sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});
export type Manifest = z.infer<typeof manifestSchema>;
