import { z } from 'zod';
import { ACTION_TYPES, MODIFIER_KEYS } from './action';
import { count, int, pointSchema } from './dataset-primitives';

/** A step's action as a dataset row carries it: its type, the value's mask or label, keys, buttons and scroll. */

/** Who submitted a form: the button (or input) the person used. */
export const submitterSchema = z.object({ node_id: int, tag: z.string(), role: z.string().nullable(), name: z.string() });

export const stepActionSchema = z.object({
  type: z.enum(ACTION_TYPES),
  value_kind: z.enum(['masked', 'label', 'none']),
  /** A typed value is only ever its mask (`*` per character); a choice is its visible label. */
  value: z
    .string()
    .nullable()
    .describe(
      'type: the mask (`*` per character, never the text); select: the chosen option\'s visible label (a multi-level choice: the path, "Europe > Germany > Berlin")',
    ),
  value_length: count.nullable(),
  value_date: z
    .string()
    .nullable()
    .describe('select of a date: the machine-readable date (ISO 8601, "2024-03-15") when the widget exposed one'),
  value_path: z
    .array(z.string())
    .describe('select: the levels of a multi-level choice (cascader, nested menu), outermost first; empty for a one-level choice'),
  key: z.string().nullable(),
  modifiers: z
    .array(z.enum(MODIFIER_KEYS))
    .describe(
      'modifier keys held (pointer actions: during the press; key actions: of the key combination), in the order Alt, Control, Meta, Shift',
    ),
  button: z.string().nullable(),
  checked: z.boolean().nullable(),
  navigation: z.string().nullable(),
  via: z
    .enum(['pointer', 'keyboard'])
    .nullable()
    .describe(
      'click/select/check: by the pointer, or by the keyboard (Enter, Space or type-ahead on the focused element); null when not recorded',
    ),
  submitter: submitterSchema.nullable().describe('submit: the button (or input) that submitted the form, when there was one'),
  /** scroll: where the scrolled element (or page) ended, and how far it moved from the observed state. */
  scroll_to: pointSchema.nullable(),
  scroll_delta: pointSchema.nullable(),
});
export type StepAction = z.infer<typeof stepActionSchema>;
