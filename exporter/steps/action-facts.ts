import { MODIFIER_KEYS, type Action, type Viewport } from '../../lib/schema/action';
import type { Point, Size } from '../../lib/schema/dataset-primitives';
import type { StepAction } from '../../lib/schema/dataset-step-action';
import type { StepControl, StepTarget } from '../../lib/schema/dataset-step-target';

/**
 * Everything the step builder reads from a recorded action beyond its type,
 * target and value, in one place (the fields of lib/schema/action.ts that
 * issue "Actions that are right on real apps" added), each with the fallback
 * for actions recorded before they existed.
 */
export interface Geometry {
  viewport: Size;
  /** Device px per CSS px. */
  dpr: number;
  /** No devicePixelRatio was recorded: 1 is assumed (flag `dpr_assumed`). */
  dprAssumed: boolean;
}

/** The replayed (else recorded) viewport size, and the devicePixelRatio recorded for the page up to this action. */
export function geometryOf(viewport: Size, recorded: Viewport | null): Geometry {
  return recorded ? { viewport, dpr: recorded.devicePixelRatio, dprAssumed: false } : { viewport, dpr: 1, dprAssumed: true };
}

/** Where the pointer was (top-level viewport CSS px), when the action recorded it. */
export function pointOf(action: Action): Point | null {
  return action.point ?? null;
}

const isModifier = (k: string): k is (typeof MODIFIER_KEYS)[number] => (MODIFIER_KEYS as readonly string[]).includes(k);

/** Modifier keys held: recorded on pointer actions; for a key, the modifiers of its combination ("Control+Shift+K"). */
export function modifiersOf(action: Action): StepAction['modifiers'] {
  if (action.modifiers) return [...action.modifiers];
  if (!action.key) return [];
  const parts = action.key.split('+');
  return parts.length > 1 ? MODIFIER_KEYS.filter((m) => parts.slice(0, -1).includes(m)) : [];
}

/** The key itself without its modifiers ("Control+Shift+K" -> "K"; "Control++" -> "+"). */
export function keyOf(action: Action): string | null {
  if (!action.key) return null;
  const parts = action.key.split('+');
  let i = 0;
  while (i < parts.length - 1 && isModifier(parts[i]!)) i++;
  return parts.slice(i).join('+') || action.key;
}

/** The control a choice was made in (combobox, listbox button, menu button), described like a target. */
export function controlOf(action: Action): StepControl | null {
  const c = action.control;
  if (!c) return null;
  return {
    node_id: c.nodeId,
    tag: c.tag,
    role: c.role,
    name: c.name,
    label: c.label ?? null,
    ancestors: c.ancestors.map((a) => ({ role: a.role, name: a.name })),
    selectors: c.selectors.map((s) => ({ kind: s.kind, value: s.value, match_count_recorded: s.matches })),
  };
}

/** The same-origin iframes from the top document to the target's (empty: the top document). */
export function framePathOf(action: Action): StepTarget['frame_path'] {
  return (action.frame ?? []).map((f) => ({ selector: f.selector, node_id: f.nodeId }));
}

/** A multi-level choice's levels, "Europe > Germany > Berlin" -> [Europe, Germany, Berlin] (the recorder joins them so). */
export function valuePathOf(action: Action): string[] {
  if (action.type !== 'select' || action.value?.kind !== 'label') return [];
  const levels = action.value.label.split(' > ');
  return levels.length > 1 ? levels : [];
}

export function submitterOf(action: Action): StepAction['submitter'] {
  const s = action.submitter;
  return s ? { node_id: s.nodeId, tag: s.tag, role: s.role, name: s.name } : null;
}
