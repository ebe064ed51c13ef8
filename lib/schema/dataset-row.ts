import { z } from 'zod';
import { ACTION_TYPES } from './action';
import { binary, boxSchema, count, hfImageSchema, int, pointSchema, sizeSchema, splitSchema } from './dataset-primitives';
import { observationSchema } from './dataset-observation';
import { stepActionSchema } from './dataset-step-action';
import { stepTargetSchema } from './dataset-step-target';

/**
 * The rows of an exported dataset (exporter/): one per step, per episode and
 * per grounding example. The same schema drives the Parquet schema, the
 * Hugging Face features in the Parquet footer and the dataset card, and the
 * JSONL rows (exporter/write/table-schema.ts), so a field is declared once.
 *
 * Conventions: every box is `{x, y, width, height}`. `*_css` boxes and points
 * are CSS pixels relative to the top-left of the viewport, `*_page` relative to
 * the top-left of the document, `*_norm` fractions (0-1) of the screenshot.
 * Ids are per-export pseudonyms; no install id or session id is ever written.
 * Fields documented with `.describe()` are listed in the manifest's `fields`
 * and in the dataset card (exporter/output/field-docs.ts).
 */

/** Quality flags a step can carry (see the dataset card for their meaning). */
export const STEP_FLAGS = [
  'target_offscreen',
  'selector_ambiguous',
  'selector_unverified',
  'not_located',
  'value_masked',
  'bbox_moved',
  'point_assumed',
  'dpr_assumed',
  'not_rendered',
  'observation_after_load',
  'likely_effect',
  'no_agent_action',
] as const;
export const stepFlagSchema = z.enum(STEP_FLAGS);
export type StepFlag = z.infer<typeof stepFlagSchema>;

export const derivedSchema = z.object({
  instruction: z
    .string()
    .describe(
      'the step in words, as an agent would be told it: "Choose "Research" in the combobox "Cost center"", "Click the button "Actions" in the row "EX-1003""; typed text is never in it, only its length',
    ),
  /** The visible part of the target's box, as fractions of the screenshot; null when not in view. */
  bbox_norm: boxSchema.nullable(),
  point_norm: pointSchema.nullable(),
  browsergym: z.string().nullable(),
  webarena: z.string().nullable(),
  pyautogui: z.string().nullable(),
  mind2web_action_repr: z.string().nullable(),
});
export type Derived = z.infer<typeof derivedSchema>;

export const stepRowSchema = z.object({
  action_uid: z.string(),
  episode_id: z.string(),
  step_index: count,
  /** Milliseconds since the episode's first step. */
  t_ms: count,
  site: z.string(),
  url: z.string(),
  url_template: z.string(),
  page_title: z
    .string()
    .nullable()
    .describe("the page's title just before the step: the replayed document's, or without a rendering the recording's <title>"),
  action: stepActionSchema,
  target: stepTargetSchema.nullable(),
  observation: observationSchema.nullable(),
  screenshot: hfImageSchema.nullable(),
  /** The replayed DOM just before the action, gzip HTML with data-webtrace-id and data-webtrace-rect on every element. */
  dom_html_gz: binary.nullable(),
  dom_path: z.string().nullable(),
  /** Accessibility tree in BrowserGym's text form (`[bid] role 'name'`). */
  axtree: z.string().nullable(),
  derived: derivedSchema,
  flags: z.array(stepFlagSchema),
});
export type StepRow = z.infer<typeof stepRowSchema>;

export const episodeRowSchema = z.object({
  episode_id: z.string(),
  split: splitSchema,
  site: z.string(),
  url_template: z.string(),
  url_templates: z.array(z.string()),
  step_count: count,
  duration_ms: count,
  action_types: z.array(z.string()),
  intent: z.string().nullable(),
  intent_source: z.enum(['none', 'annotated', 'generated']),
  /** Steps the privacy gate dropped from this episode. */
  steps_dropped: count,
  rendered: z.boolean(),
});
export type EpisodeRow = z.infer<typeof episodeRowSchema>;

/** One GUI-grounding example per step whose target is in view: screenshot + description -> box. */
export const groundingRowSchema = z.object({
  action_uid: z.string(),
  episode_id: z.string(),
  step_index: count,
  screenshot: hfImageSchema,
  screenshot_size: sizeSchema,
  instruction: z.string(),
  action_type: z.enum(ACTION_TYPES),
  tag: z.string(),
  role: z.string().nullable(),
  name: z.string(),
  node_id: int,
  bbox_norm: boxSchema,
  point_norm: pointSchema,
  bbox_css: boxSchema,
});
export type GroundingRow = z.infer<typeof groundingRowSchema>;

export const TABLES = ['steps', 'episodes', 'grounding'] as const;
export type TableName = (typeof TABLES)[number];
export const TABLE_SCHEMAS = { steps: stepRowSchema, episodes: episodeRowSchema, grounding: groundingRowSchema } as const;
