import type { CaptureContext } from '../context';
import { findChoice, liveOpener } from '../choice/find-choice';
import { isInteractive } from '../target/resolve-target';

/**
 * Remembers the control the person just activated (clicked, or Enter/Space):
 * the popup that appears next is its. Items inside the open popup (a cascader
 * level, a submenu trigger) leave the opener as it is.
 */
export function notePress(ctx: CaptureContext, el: Element): void {
  if (!isInteractive(el)) return;
  const current = liveOpener(ctx.gesture.opener, ctx.now());
  if (
    current &&
    current !== el &&
    (el.closest('[role="menu"], [role="listbox"], [role="tree"], [role="grid"]') || findChoiceLayer(el, current))
  )
    return;
  ctx.gesture.opener = { el, at: ctx.now() };
}

/** Whether el sits in the popup layer the current opener opened. */
function findChoiceLayer(el: Element, opener: Element): boolean {
  return findChoice(el, opener) !== null || (opener.contains(el) === false && sameLayerAsControlled(el, opener));
}

function sameLayerAsControlled(el: Element, opener: Element): boolean {
  const ids = `${opener.getAttribute('aria-controls') ?? ''} ${opener.getAttribute('aria-owns') ?? ''}`.trim();
  if (!ids) return false;
  const root = opener.getRootNode() as Document | ShadowRoot;
  return ids.split(/\s+/).some((id) => {
    const controlled = typeof root.getElementById === 'function' ? root.getElementById(id) : null;
    return controlled !== null && controlled.contains(el);
  });
}
