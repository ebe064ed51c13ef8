import { z } from 'zod';
import { TABLES } from './dataset-row';
import { manifestSchema, splitCountsSchema } from './dataset-manifest';
import { installPseudonymSchema } from './export-lineage';

/**
 * An export's working state in `<out>/.work/` (exporter/output/): what lets
 * an interrupted export resume where it stopped. It holds names an operator
 * needs (bad chunks) that the dataset never does, and is removed once the
 * manifest is written.
 */
export const workStateSchema = z.object({ run_key: z.string() });
export type WorkState = z.infer<typeof workStateSchema>;

const perSplit = <T extends z.ZodType>(t: T) => z.object({ train: t, test_task: t, test_site: t });

export const partFileSchema = z.object({
  kind: z.enum(['parquet', 'jsonl', 'mind2web', 'agentlab']),
  table: z.enum(TABLES).nullable(),
  split: z.enum(['train', 'test_task', 'test_site']),
  /** Relative to the part's folder. */
  file: z.string(),
});
export type PartFile = z.infer<typeof partFileSchema>;

export const problemSchema = z.object({ what: z.enum(['session', 'chunk', 'action']), name: z.string(), reason: z.string() });

/** A finished part: a run of sessions (indexes into the export's session order) and what came of them. */
export const partSummarySchema = z.object({
  index: z.int().nonnegative(),
  sessionsFrom: z.int().nonnegative(),
  sessionsTo: z.int().nonnegative(),
  /** Fingerprints of the episodes kept, so a resumed export still collapses duplicates of them. */
  fingerprints: z.array(z.string()),
  counts: perSplit(splitCountsSchema),
  quality: manifestSchema.shape.quality.pick({ steps_with_target: true, located: true, verified: true }),
  modalities: manifestSchema.shape.modalities,
  dropped: manifestSchema.shape.dropped.omit({ bad_sessions: true }),
  problems: z.array(problemSchema),
  files: z.array(partFileSchema),
  /** Episodes and steps per install pseudonym (never an install id: this folder is in the output). */
  installs: z.record(installPseudonymSchema, z.object({ episodes: z.int().nonnegative(), steps: z.int().nonnegative() })).default({}),
});
export type PartSummary = z.infer<typeof partSummarySchema>;
