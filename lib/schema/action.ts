import { z } from 'zod';
import { ACTION_EVENT_TAG, ACTION_TYPES, MODIFIER_KEYS, SELECTOR_KINDS } from './action-names';

export { ACTION_EVENT_TAG, ACTION_TYPES, MODIFIER_KEYS, SELECTOR_KINDS };

/**
 * A semantic action: what the person did and to which element.
 * Shared by the recorder (which emits it inside the rrweb stream as a custom
 * event) and the server (which extracts and serves it). Never carries typed text.
 */

export const actionTypeSchema = z.enum(ACTION_TYPES);
export type ActionType = z.infer<typeof actionTypeSchema>;

/**
 * Selector kinds. Every value is Playwright selector syntax, resolved from the
 * document of the action's frame (see `frame`): `testid` and `css` are CSS
 * (`[data-testid="x"]`, `#id`, `form > button:nth-of-type(2)`); `role` is
 * Playwright's role engine, `role=button[name="Save"]` (name compared whole,
 * case-insensitively); `row` is a role selector anchored on the row the
 * target is in, `role=row[name*="EX-1003"] >> role=button[name="Actions"]`;
 * `xpath` starts with `/` or `//`. A target inside open shadow roots gets
 * `host >> inner` chains, which Playwright resolves through the roots.
 * A target's selectors are listed unique ones first, in the order of
 * SELECTOR_KINDS, so the first selector is the one to use.
 */
export const selectorSchema = z.object({
  kind: z.enum(SELECTOR_KINDS),
  value: z.string().max(2000),
  /**
   * How many elements the selector matched in the page when the action
   * happened, counted as Playwright would (role selectors skip elements hidden
   * from the accessibility tree). Counting is bounded on huge pages: past the
   * bound, or when a second match sits right next to the target (the next
   * row's button), a count of 2 means "not unique" and may be lower than the truth.
   */
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

/**
 * A named ancestor that gives an action context: dialog, form, region,
 * landmark, or the table/grid `row` the target is in (named by its key cell's
 * text, e.g. `{ role: 'row', name: 'EX-1003' }`). For a choice made in a popup
 * these are the ancestors of the control that owns the popup.
 */
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
  hit: z.object({ tag: z.string().max(64), nodeId: z.int(), role: z.string().max(64).nullable() }).optional(),
});
export type Target = z.infer<typeof targetSchema>;

/** The value side of an action: never the typed text itself. */
export const actionValueSchema = z.discriminatedUnion('kind', [
  /** type: the field's length after the visit (characters; a line break in an editor counts one). */
  z.object({ kind: z.literal('masked'), length: z.int().nonnegative() }),
  z.object({
    kind: z.literal('label'),
    /** The chosen option's visible label; for multi-level choices the path, "Europe > Germany > Berlin". */
    label: shortText,
    /** A chosen date, machine-readable (ISO 8601, "2024-03-15"), when the widget exposes one. */
    date: z.string().max(40).optional(),
  }),
  z.object({ kind: z.literal('none') }),
]);

/** A position in CSS px in the top-level viewport (for a frame's action too), as a screenshot shows it. */
export const pointSchema = z.object({ x: z.number(), y: z.number() });

/** The viewport a screenshot of the page would show: CSS px, and device pixels per CSS px. */
export const viewportSchema = z.object({
  width: z.number().nonnegative(),
  height: z.number().nonnegative(),
  devicePixelRatio: z.number().positive(),
});
export type Viewport = z.infer<typeof viewportSchema>;

/** One frame on the way from the top document to the action's document: the <iframe> element. */
export const frameStepSchema = z.object({
  /** CSS selector of the iframe element in its parent document. */
  selector: z.string().max(2000),
  /** rrweb mirror id of the iframe element. */
  nodeId: z.int(),
});
export type FrameStep = z.infer<typeof frameStepSchema>;
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
  /**
   * select: the control that owns the choice (the combobox, listbox button or
   * menu button that opened the popup), described like a target. Absent only
   * when no owner could be found.
   */
  control: targetSchema.optional(),
  /** submit: the button (or input) that submitted the form, when there was one. */
  submitter: z.object({ tag: z.string().max(64), role: z.string().max(64).nullable(), name: shortText, nodeId: z.int() }).optional(),
  /**
   * click / select / check: how the person did it. `keyboard`: Enter or Space
   * (or type-ahead) on the focused element; the click the browser then
   * dispatches is this same action, never a second one.
   */
  via: z.enum(['pointer', 'keyboard']).optional(),
  /** Pointer actions: where the pointer was (top-level viewport, CSS px). */
  point: pointSchema.optional(),
  /** Pointer actions: the modifier keys held, in this order (empty: none). */
  modifiers: z.array(z.enum(MODIFIER_KEYS)).max(4).optional(),
  /**
   * The viewport (CSS px) and devicePixelRatio, carried by the page's first
   * action and by every action before which they changed: the viewport in
   * force for an action is the last one carried by it or an earlier action of
   * the same page. bbox and point are in this viewport's CSS px.
   */
  viewport: viewportSchema.optional(),
  /**
   * The action happened in a same-origin iframe: the iframe elements from the
   * top document down. The target's selectors resolve in the innermost
   * frame's document (Playwright: page.frameLocator(step1).frameLocator(step2)…).
   */
  frame: z.array(frameStepSchema).min(1).max(8).optional(),
});
export type Action = z.infer<typeof actionSchema>;
