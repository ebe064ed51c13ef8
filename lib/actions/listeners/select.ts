import type { CaptureContext, Teardown } from '../context';
import { describeTarget } from '../target/describe-target';
import { isPopupOption, isTextField } from '../target/element-kinds';
import { clampText, normalizeText } from '../text';
import { eventOrigin } from '../dom';

/** Labels of the chosen options ("A, B" for multiple); never an option's value attribute. */
export function selectedLabels(select: HTMLSelectElement): string {
  const options = [...select.options].filter((o) => o.selected);
  // The label attribute when non-empty, else the text: what HTMLOptionElement.label returns (read directly for DOMs that differ).
  return clampText(options.map((o) => normalizeText(o.getAttribute('label') || o.text || '')).join(', '));
}

/** The option a keyboard Enter/Space chooses: the focused option, or the combobox/listbox's aria-activedescendant. */
function keyboardOption(focused: Element): Element | null {
  if (isPopupOption(focused)) return focused;
  const id = focused.getAttribute('aria-activedescendant');
  if (!id) return null;
  const root = focused.getRootNode() as Document | ShadowRoot;
  const option = typeof root.getElementById === 'function' ? root.getElementById(id) : null;
  return option && isPopupOption(option) ? option : null;
}

/**
 * `select`: a native <select>'s `change`, and keyboard choices in ARIA
 * listboxes/menus (Enter, or Space when the focus is not a text field, where
 * Space types). The target is the option itself, even with aria-activedescendant
 * where focus stays on the combobox: the option is what was chosen, and it has
 * the id that makes its selectors stable. It is described on keydown, before the
 * page closes the popup. (Mouse choices in such popups are handled by click.)
 */
export function initSelect(ctx: CaptureContext): Teardown {
  const onChange = (event: Event): void => {
    const el = eventOrigin(event);
    if (!el || el.localName !== 'select') return;
    const exposure = ctx.privacy.exposure(el);
    const label = ctx.privacy.expose(selectedLabels(el as HTMLSelectElement), exposure);
    ctx.emit({ type: 'select', target: describeTarget(ctx, el), value: { kind: 'label', label } });
  };

  const onKeyDown = (event: Event): void => {
    const key = event as KeyboardEvent;
    if (key.repeat || key.isComposing || (key.key !== 'Enter' && key.key !== ' ')) return;
    const focused = eventOrigin(event);
    if (!focused || (key.key === ' ' && isTextField(focused))) return;
    const option = keyboardOption(focused);
    if (!option) return;
    // The chosen option's label is its name, with the same exposure.
    const target = describeTarget(ctx, option);
    ctx.emit({ type: 'select', target, value: { kind: 'label', label: target.name } });
  };

  const teardowns = [ctx.listen(ctx.doc, 'change', onChange), ctx.listen(ctx.doc, 'keydown', onKeyDown)];
  return () => teardowns.forEach((off) => off());
}
