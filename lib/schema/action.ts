import { z } from 'zod';

/**
 * A semantic action: what the person did and to which element.
 * Shared by the recorder (which emits it inside the rrweb stream as a custom
 * event) and the server (which extracts and serves it). Never carries typed text.
 */

export const ACTION_TYPES = [
  'click',
  'select',
  'type',
  'check',
  'submit',
  'key',
  'navigate',
  'scroll',
] as const;
export const actionTypeSchema = z.enum(ACTION_TYPES);
export type ActionType = z.infer<typeof actionTypeSchema>;

/** Selector kinds in priority order: the first that matches one element wins. */
export const SELECTOR_KINDS = ['testid', 'role', 'css', 'xpath'] as const;
export const selectorSchema = z.object({
  kind: z.enum(SELECTOR_KINDS),
  value: z.string().max(2000),
  /** How many elements the selector matched in the page when the action happened. */
  matches: z.int().nonnegative(),
});
export type Selector = z.infer<typeof selectorSchema>;

export const bboxSchema = z.object({
  x: z.number(),
  y: z.number(),
  width: z.number().nonnegative(),
  height: z.number().nonnegative(),
});
export type BBox = z.infer<typeof bboxSchema>;

/** A named landmark-ish ancestor (dialog, form, region…) that gives an action context. */
export const ancestorSchema = z.object({
  role: z.string().max(64),
  name: z.string().max(500),
});

const shortText = z.string().max(500);

/** The element an action was aimed at, described so it can be found again. */
export const targetSchema = z.object({
  tag: z.string().max(64),
  role: z.string().max(64).nullable(),
  name: shortText,
  label: shortText.optional(),
  placeholder: shortText.optional(),
  inputType: z.string().max(32).optional(),
  testId: shortText.optional(),
  /** rrweb mirror id, so the viewer and exporter find the node in the replayed DOM (-1: unknown). */
  nodeId: z.int(),
  bbox: bboxSchema.nullable(),
  ancestors: z.array(ancestorSchema).max(8),
  selectors: z.array(selectorSchema).max(8),
  /** What was actually under the pointer when it differs from the target (an icon inside a button). */
  hit: z
    .object({ tag: z.string().max(64), nodeId: z.int(), role: z.string().max(64).nullable() })
    .optional(),
});
export type Target = z.infer<typeof targetSchema>;

/** The value side of an action: never the typed text itself. */
export const actionValueSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('masked'), length: z.int().nonnegative() }),
  z.object({ kind: z.literal('label'), label: shortText }),
  z.object({ kind: z.literal('none') }),
]);
export type ActionValue = z.infer<typeof actionValueSchema>;

export const actionSchema = z.object({
  type: actionTypeSchema,
  /** Epoch milliseconds. */
  t: z.number(),
  url: z.string().max(8192),
  target: targetSchema.nullable(),
  value: actionValueSchema.optional(),
  /** click: 1 left, 2 double, 3 right ("context"). */
  button: z.enum(['left', 'double', 'right', 'middle']).optional(),
  /** check: the state after the action. */
  checked: z.boolean().optional(),
  /** key: the key name and modifiers, e.g. "Control+Shift+K"; never a printable key without Ctrl/Meta. */
  key: z.string().max(64).optional(),
  /** navigate: how the page got there. */
  navigation: z.enum(['load', 'push', 'replace', 'pop', 'hash', 'reload', 'traverse']).optional(),
  /** scroll: final position of the scrolled element (or the page). */
  scroll: z.object({ x: z.number(), y: z.number() }).optional(),
});
export type Action = z.infer<typeof actionSchema>;

/** rrweb custom-event tag under which actions travel in the event stream. */
export const ACTION_EVENT_TAG = 'webtrace.action';
