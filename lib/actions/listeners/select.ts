import type { CaptureContext, Teardown } from '../context';
import { eventOrigin } from '../dom';
import { KEYBOARD } from '../gesture/how';
import { describeTarget } from '../target/describe-target';
import { clampText, normalizeText } from '../text';

/** A click this long ago still explains a change (the native picker's choice). */
const POINTER_CHANGE_MS = 10_000;

/** Labels of the chosen options ("A, B" for multiple); never an option's value attribute. */
export function selectedLabels(select: HTMLSelectElement): string {
  const options = [...select.options].filter((o) => o.selected);
  // The label attribute when non-empty, else the text: what HTMLOptionElement.label returns (read directly for DOMs that differ).
  return clampText(options.map((o) => normalizeText(o.getAttribute('label') || o.text || '')).join(', '));
}

/**
 * A hidden native mirror of a custom dropdown (kept for forms: aria-hidden,
 * or squeezed to a pixel): its change repeats the choice the visible control
 * already recorded, so it is not an action.
 */
export function isHiddenMirror(el: Element): boolean {
  if (el.closest('[aria-hidden="true"]') || (el as HTMLElement).hidden) return true;
  const r = el.getBoundingClientRect?.();
  return !!r && el.isConnected && r.width <= 1 && r.height <= 1 && (r.width > 0 || r.height > 0);
}

/**
 * `select` for a native <select>'s `change`: target and control are the
 * select, the label is the chosen options' labels. (Choices in custom popups
 * are recorded by the pointer and keyboard listeners.)
 */
export function initSelect(ctx: CaptureContext): Teardown {
  return ctx.listen(ctx.doc, 'change', (event) => {
    const el = eventOrigin(event);
    if (!el || el.localName !== 'select' || isHiddenMirror(el)) return;
    const exposure = ctx.privacy.exposure(el);
    const label = ctx.privacy.expose(selectedLabels(el as HTMLSelectElement), exposure);
    const target = describeTarget(ctx, el);
    const down = ctx.gesture.down;
    const byPointer = down && (down.el === el || el.contains(down.el)) && ctx.now() - down.at < POINTER_CHANGE_MS;
    const how = byPointer ? { via: 'pointer' as const, point: down.point, modifiers: down.modifiers } : KEYBOARD;
    ctx.emit({ type: 'select', target, control: target, value: { kind: 'label', label }, ...how });
  });
}
