import type { Action } from '../../schema/action';
import type { CaptureContext, Teardown } from '../context';
import { describeTarget } from '../target/describe-target';
import { isCheckControl, isNativeOption, isPopupOption, labelControl } from '../target/element-kinds';
import { resolveTarget } from '../target/resolve-target';

type Button = NonNullable<Action['button']>;

/**
 * click / dblclick / contextmenu / middle auxclick → `click`.
 *
 * - A double click arrives as click, click, dblclick: all three are recorded
 *   (that is what the page received); the dblclick is the `double` one.
 * - Checkbox/radio inputs, their labels and ARIA checkables are left to
 *   `check`; native <option>s to the select's `change`.
 * - An ARIA option/menuitem in a listbox/menu/combobox popup becomes `select`.
 * - A click on a <label> targets its control (the label stays as `hit`), and the
 *   synthetic click the browser then forwards to that control is dropped.
 */
export function initClick(ctx: CaptureContext): Teardown {
  let forwardedTo: Element | null = null;
  let forwardTimer: unknown = null;

  const expectForwardedClick = (control: Element): void => {
    forwardedTo = control;
    if (forwardTimer !== null) ctx.timers.clearTimeout(forwardTimer);
    // The forwarded click is dispatched in the same task; after that, forget it.
    forwardTimer = ctx.timers.setTimeout(() => {
      forwardedTo = null;
      forwardTimer = null;
    }, 0);
  };

  const handle = (button: Button) => (event: Event) => {
    if (event.type === 'auxclick' && (event as MouseEvent).button !== 1) return;
    const resolved = resolveTarget(event);
    if (!resolved) return;
    let target = resolved.target;
    if (button === 'left' && forwardedTo !== null && target === forwardedTo) {
      forwardedTo = null;
      return;
    }
    if ((button === 'left' || button === 'double') && (isCheckControl(target) || isNativeOption(target))) return;
    const control = labelControl(target);
    if (control) {
      target = control;
      if (button === 'left') expectForwardedClick(control);
    }
    if (button === 'left' && isPopupOption(target)) {
      // The chosen option's label is its name, with the same exposure.
      const described = describeTarget(ctx, target, resolved.hit);
      ctx.emit({ type: 'select', target: described, value: { kind: 'label', label: described.name } });
      return;
    }
    ctx.emit({ type: 'click', target: describeTarget(ctx, target, resolved.hit), button });
  };

  const teardowns = [
    ctx.listen(ctx.doc, 'click', handle('left')),
    ctx.listen(ctx.doc, 'dblclick', handle('double')),
    ctx.listen(ctx.doc, 'contextmenu', handle('right')),
    ctx.listen(ctx.doc, 'auxclick', handle('middle')),
  ];
  return () => {
    for (const off of teardowns) off();
    if (forwardTimer !== null) ctx.timers.clearTimeout(forwardTimer);
  };
}
