import type { Action } from '../../schema/action';
import type { CaptureContext, Teardown } from '../context';
import { describeChoice } from '../choice/describe-choice';
import { findChoice, liveOpener, opensSubmenu } from '../choice/find-choice';
import { eventOrigin } from '../dom';
import { pointerHow } from '../gesture/how';
import { notePress } from '../gesture/opener';
import { describeTarget } from '../target/describe-target';
import { isCheckControl, isNativeOption, labelControl } from '../target/element-kinds';
import { resolveTarget, resolveFrom, type ResolvedTarget } from '../target/resolve-target';

type Button = NonNullable<Action['button']>;

/** A click this long after its pointerdown still belongs to it. */
const GESTURE_MS = 2000;
/** A keyboard-made click (detail 0) this soon after Enter in a field is the form's implicit submission. */
const IMPLICIT_SUBMIT_MS = 100;

/**
 * Pointer gestures → `click` (left, double, right, middle) or `select`.
 *
 * - pointerdown remembers what was pressed (and, if it is a choice in a popup,
 *   describes that choice while the popup is surely there). The click is
 *   aimed at that element when it lands on <body>/<html> or on an ancestor of
 *   it (a backdrop or `pointer-events: none` put in the way by a library that
 *   opens on pointerdown), and a choice is committed from it when no click
 *   follows at all (libraries that commit on pointerup and remove the popup).
 * - A click with detail 0 that Enter or Space caused is the keyboard's gesture
 *   (the keyboard listener's pending activation): one action, via keyboard.
 * - Checkbox/radio controls are left to `check`, native <option>s to the
 *   select's `change`; a <label> click targets its control, and the click the
 *   browser forwards to that control is dropped.
 */
export function initPointer(ctx: CaptureContext): Teardown {
  const g = ctx.gesture;
  let forwardedTo: Element | null = null;
  let forwardTimer: unknown = null;
  let fallbackTimer: unknown = null;

  const expectForwardedClick = (control: Element): void => {
    forwardedTo = control;
    if (forwardTimer !== null) ctx.timers.clearTimeout(forwardTimer);
    // The forwarded click is dispatched in the same task; after that, forget it.
    forwardTimer = ctx.timers.setTimeout(() => {
      forwardedTo = null;
      forwardTimer = null;
    }, 0);
  };

  const onPointerDown = (event: Event): void => {
    const e = event as PointerEvent;
    if (e.isPrimary === false) return;
    const el = eventOrigin(event);
    if (!el) return;
    const now = ctx.now();
    const found = e.button === 0 ? findChoice(el, liveOpener(g.opener, now)) : null;
    const how = pointerHow(ctx, e);
    g.down = {
      el,
      at: now,
      point: how.point ?? { x: 0, y: 0 },
      button: e.button,
      modifiers: how.modifiers ?? [],
      choice: found ? { item: found.item, draft: { ...describeChoice(ctx, found, how, null, el), t: now } } : null,
      done: false,
    };
  };

  const onPointerUp = (event: Event): void => {
    const down = g.down;
    if (!down || down.done || down.button !== 0) return;
    if (!down.choice) {
      // Pressed on the control, released on an option: the press-drag-release choice.
      const el = eventOrigin(event);
      const found = el ? findChoice(el, liveOpener(g.opener, ctx.now())) : null;
      if (found)
        down.choice = { item: found.item, draft: { ...describeChoice(ctx, found, pointerHow(ctx, event as MouseEvent)), t: ctx.now() } };
    }
    if (!down.choice) return;
    if (fallbackTimer !== null) ctx.timers.clearTimeout(fallbackTimer);
    // A click, if one comes, is dispatched in this same task; if none came, commit the choice.
    fallbackTimer = ctx.timers.setTimeout(() => {
      fallbackTimer = null;
      if (down.done || !down.choice) return;
      down.done = true;
      ctx.emit(down.choice.draft);
    }, 0);
  };

  /** The press this click belongs to, if it is still open. */
  const pressFor = (button: Button): typeof g.down => {
    const down = g.down;
    if (!down || down.done || button !== 'left' || down.button !== 0 || ctx.now() - down.at > GESTURE_MS) return null;
    return down;
  };

  /** Aims a click at the pressed element when it landed on body/html or an ancestor of it. */
  const aimed = (resolved: ResolvedTarget, pressed: Element | null): ResolvedTarget => {
    if (!pressed || !pressed.isConnected || resolved.hit === pressed) return resolved;
    const hit = resolved.hit;
    const landedAbove = hit.localName === 'body' || hit.localName === 'html' || (hit !== resolved.target ? false : hit.contains(pressed));
    return landedAbove ? (resolveFrom(pressed) ?? resolved) : resolved;
  };

  const handle = (button: Button) => (event: Event) => {
    const e = event as MouseEvent;
    if (event.type === 'auxclick' && e.button !== 1) return;
    const now = ctx.now();
    const keyboardMade = button === 'left' && e.detail === 0 && !pressFor(button);
    if (keyboardMade && now - g.fieldEnterAt < IMPLICIT_SUBMIT_MS) return;
    const pending = g.key;
    // Enter or Space already made its action (a choice, or its fallback click): this click is its echo.
    if (keyboardMade && pending && pending.done && now - pending.at < GESTURE_MS) return;
    let resolved = resolveTarget(event);
    if (!resolved) return;
    const down = pressFor(button);
    if (down) {
      down.done = true;
      if (down.choice) {
        ctx.emit(down.choice.draft);
        return;
      }
      resolved = aimed(resolved, down.el);
    }
    let target = resolved.target;
    if (button === 'left' && forwardedTo !== null && target === forwardedTo) {
      forwardedTo = null;
      return;
    }
    if ((button === 'left' || button === 'double') && !opensSubmenu(target) && (isCheckControl(target) || isNativeOption(target))) return;
    const control = labelControl(target);
    if (control) {
      target = control;
      if (button === 'left') expectForwardedClick(control);
    }
    const how = keyboardMade ? { via: 'keyboard' as const } : pointerHow(ctx, e);
    if (keyboardMade && pending && !pending.done) {
      // The click Enter or Space made: the keyboard gesture's one action.
      pending.done = true;
      ctx.timers.clearTimeout(pending.timer);
    }
    if (button === 'left') {
      const found = findChoice(target, liveOpener(g.opener, now));
      if (found) {
        ctx.emit(describeChoice(ctx, found, how, null, resolved.hit));
        return;
      }
      notePress(ctx, target);
    }
    ctx.emit({ type: 'click', target: describeTarget(ctx, target, resolved.hit), button, ...how });
  };

  const teardowns = [
    ctx.listen(ctx.doc, 'pointerdown', onPointerDown),
    ctx.listen(ctx.doc, 'pointerup', onPointerUp),
    ctx.listen(ctx.doc, 'click', handle('left')),
    ctx.listen(ctx.doc, 'dblclick', handle('double')),
    ctx.listen(ctx.doc, 'contextmenu', handle('right')),
    ctx.listen(ctx.doc, 'auxclick', handle('middle')),
  ];
  return () => {
    for (const off of teardowns) off();
    for (const timer of [forwardTimer, fallbackTimer]) if (timer !== null) ctx.timers.clearTimeout(timer);
  };
}
