import { z } from 'zod';
import { SELECTOR_KINDS } from './action';
import { boxSchema, count, int, pointSchema } from './dataset-primitives';

/** A step's target as the exporter found it in the replayed DOM: its description, control, frames, selectors and boxes. */

/** How the target was found in the replayed DOM. */
export const LOCATED = ['node_id', 'selector', 'point', 'none'] as const;

export const stepSelectorSchema = z.object({
  kind: z.enum(SELECTOR_KINDS),
  value: z.string(),
  /** Elements it matched in the live page when the action happened. */
  match_count_recorded: count,
  /** Elements it matches in the replayed DOM just before the action; null when not rendered. */
  match_count: count.nullable(),
  /** It matches exactly the target's node in the replayed DOM. */
  verified: z.boolean(),
});

/** A selector of a choice's control, as recorded (the control is not resolved in the replay). */
export const recordedSelectorSchema = z.object({ kind: z.enum(SELECTOR_KINDS), value: z.string(), match_count_recorded: count });

const ancestorsSchema = z.array(z.object({ role: z.string(), name: z.string() }));

/** The control a choice was made in: the combobox, listbox button or menu button that owns the popup. */
export const stepControlSchema = z.object({
  node_id: int,
  tag: z.string(),
  role: z.string().nullable(),
  name: z.string(),
  label: z.string().nullable(),
  ancestors: ancestorsSchema,
  selectors: z.array(recordedSelectorSchema),
});
export type StepControl = z.infer<typeof stepControlSchema>;

/** One <iframe> on the way from the top document to the target's document. */
export const frameStepSchema = z.object({ selector: z.string(), node_id: int });
export type StepSelector = z.infer<typeof stepSelectorSchema>;

export const stepTargetSchema = z.object({
  /** rrweb mirror id, shared with the replayable recording; also the `bid` of the derived action strings. */
  node_id: int,
  tag: z.string(),
  role: z.string().nullable(),
  name: z.string(),
  label: z.string().nullable(),
  placeholder: z.string().nullable(),
  input_type: z.string().nullable(),
  test_id: z.string().nullable(),
  ancestors: ancestorsSchema.describe(
    'named context ancestors, nearest first: dialog, form, region, landmark, and the table/grid `row` the target is in (named by its key cell); for a choice in a popup, the ancestors of the control that owns it',
  ),
  control: stepControlSchema
    .nullable()
    .describe(
      'select: the control the choice was made in (combobox, listbox button, menu button), described like the target, with its recorded selectors; null when no owner was found or the action is not a choice',
    ),
  frame_path: z
    .array(frameStepSchema)
    .describe(
      "the same-origin iframes from the top document down to the target's document (empty: the top document); the selectors resolve in the innermost one, as Playwright's page.frameLocator(s1).frameLocator(s2)...",
    ),
  hit_tag: z.string().nullable(),
  hit_node_id: int.nullable(),
  selectors: z
    .array(stepSelectorSchema)
    .describe(
      'Playwright selectors, the first the one to use: `testid`, `role` (`role=button[name="Save"]`), `row` (anchored on the target\'s row: `role=row[name*="EX-1003"] >> role=button[name="Actions"]`), `css` (`host >> inner` through open shadow roots), `xpath`; `verified`: Playwright\'s own engine finds exactly the target in the replayed DOM just before the action',
    ),
  bbox_css: boxSchema.nullable(),
  bbox_page: boxSchema.nullable(),
  /** The box the recorder measured when the action happened. */
  bbox_recorded_css: boxSchema.nullable(),
  point_css: pointSchema
    .nullable()
    .describe(
      'where the pointer was (viewport CSS px) as recorded; without a recorded point, the centre of the visible box (flag `point_assumed`)',
    ),
  in_viewport: z.boolean(),
  located: z.enum(LOCATED),
});
export type StepTarget = z.infer<typeof stepTargetSchema>;
