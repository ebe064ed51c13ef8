import type { Action, Target } from '../../schema/action';
import { findChoice, liveOpener, opensSubmenu } from '../choice/find-choice';
import { KEYBOARD, pointerHow } from '../gesture/how';
import type { CaptureContext, Teardown } from '../context';
import { describeTarget } from '../target/describe-target';
import { isAriaCheckable, isNativeCheckable } from '../target/element-kinds';
import { resolveTarget } from '../target/resolve-target';
import { eventOrigin } from '../dom';

interface PendingRead {
  el: Element;
  target: Target;
  how: Pick<Action, 'via' | 'point' | 'modifiers'>;
  timer: unknown;
}

/** A pointer press this recent explains a change; otherwise the keyboard (Space) made it. */
const PRESS_MS = 2000;

/** aria-checked after the click; "mixed" (or anything else) leaves `checked` out. */
function ariaChecked(el: Element): boolean | undefined {
  const state = el.getAttribute('aria-checked');
  return state === 'true' ? true : state === 'false' ? false : undefined;
}

/**
 * `check`: `change` on checkbox/radio inputs (one action however the click
 * arrived: directly or via a label), and clicks on role=checkbox/switch/radio/
 * menuitemcheckbox. Our capture listener runs before the page's handlers, so
 * the ARIA state is read on the next task (setTimeout 0): by then the page has
 * flipped it. The target is described at click time, while a menu that closes
 * on click is still in the DOM. A pending read is flushed before any other
 * action and on stop.
 */
export function initCheck(ctx: CaptureContext): Teardown {
  const pending = new Set<PendingRead>();

  const finish = (read: PendingRead): void => {
    if (!pending.delete(read)) return;
    ctx.timers.clearTimeout(read.timer);
    const checked = ariaChecked(read.el);
    ctx.emit({ type: 'check', target: read.target, ...(checked === undefined ? {} : { checked }), ...read.how }, flushPending);
  };

  const flushPending = (): void => [...pending].forEach(finish);

  const onChange = (event: Event): void => {
    const el = eventOrigin(event);
    if (!el || !isNativeCheckable(el)) return;
    const down = ctx.gesture.down;
    const pressed = down && ctx.now() - down.at < PRESS_MS && (down.el === el || el.labels?.length);
    const how = pressed ? { via: 'pointer' as const, point: down.point, modifiers: down.modifiers } : KEYBOARD;
    ctx.emit({ type: 'check', target: describeTarget(ctx, el), checked: el.checked, ...how });
  };

  const onClick = (event: Event): void => {
    const resolved = resolveTarget(event);
    if (!resolved || !isAriaCheckable(resolved.target)) return;
    // A cascader level or a choice in a combobox's popup is not a toggle.
    if (opensSubmenu(resolved.target) || findChoice(resolved.target, liveOpener(ctx.gesture.opener, ctx.now()))) return;
    const e = event as MouseEvent;
    const how = e.detail === 0 ? KEYBOARD : pointerHow(ctx, e);
    const read: PendingRead = { el: resolved.target, target: describeTarget(ctx, resolved.target, resolved.hit), how, timer: null };
    read.timer = ctx.timers.setTimeout(() => {
      try {
        finish(read);
      } catch (err) {
        ctx.report(err);
      }
    }, 0);
    pending.add(read);
  };

  const teardowns = [ctx.listen(ctx.doc, 'change', onChange), ctx.listen(ctx.doc, 'click', onClick), ctx.addFlusher(flushPending)];
  return () => {
    for (const off of teardowns) off();
    for (const read of pending) ctx.timers.clearTimeout(read.timer);
    pending.clear();
  };
}
