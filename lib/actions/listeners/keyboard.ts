import type { CaptureContext, Teardown } from '../context';
import { describeChoice } from '../choice/describe-choice';
import { findChoice, liveOpener, type FoundChoice } from '../choice/find-choice';
import { visibleText } from '../choice/choice-label';
import { eventOrigin } from '../dom';
import { KEYBOARD } from '../gesture/how';
import { notePress } from '../gesture/opener';
import { describeTarget } from '../target/describe-target';
import { isCheckControl, isTextField, roleOf } from '../target/element-kinds';
import { isInteractive } from '../target/resolve-target';
import { clampText } from '../text';
import { keyName } from './key-name';

/** Space activates on keyup; past this without a keyup the gesture is closed anyway. */
const SPACE_KEYUP_MS = 1000;
/** Type-ahead on a closed select button changes its value within a task or two. */
const TYPE_AHEAD_MS = 60;

/** Multi-line editors keep Enter: it is typing (a new line), not an action. */
function isMultiLine(el: Element): boolean {
  return el.localName === 'textarea' || (el as HTMLElement).isContentEditable === true || el.getAttribute('aria-multiline') === 'true';
}

/** The option an aria-activedescendant points at, as a choice. */
function activeDescendant(focused: Element): FoundChoice | null {
  const id = focused.getAttribute('aria-activedescendant');
  if (!id) return null;
  const root = focused.getRootNode() as Document | ShadowRoot;
  const option = typeof root.getElementById === 'function' ? root.getElementById(id) : null;
  return option ? findChoice(option, focused) : null;
}

/** A select button that takes type-ahead while closed (Radix, Headless UI listbox buttons). */
function takesTypeAhead(el: Element): boolean {
  // A native <select>'s type-ahead fires `change`, which the select listener records.
  if (el.localName === 'select' || isTextField(el) || el.getAttribute('aria-expanded') === 'true') return false;
  return roleOf(el) === 'combobox' || el.getAttribute('aria-haspopup') === 'listbox';
}

/**
 * Keyboard gestures. One gesture, one action:
 * - Enter/Space on an option (focused, or the aria-activedescendant of the
 *   focused combobox or listbox) → `select` via keyboard, described before the
 *   page closes the popup;
 * - Enter/Space on another control → one `click` via keyboard: the click the
 *   browser then dispatches (pointer.ts), or, when the library handles the key
 *   itself and no click comes, one made from the keydown;
 * - Enter in a multi-line editor is typing; Space in a text field too;
 * - Enter in a single-line field, Escape, Tab and Ctrl/Meta shortcuts → `key`;
 * - a printable key on a closed select button that changes its value → `select` (type-ahead).
 */
export function initKeyboard(ctx: CaptureContext): Teardown {
  const g = ctx.gesture;
  let typeAheadTimer: unknown = null;

  const finishActivation = (): void => {
    const pending = g.key;
    if (!pending || pending.done) return;
    pending.done = true;
    // Timed at the keydown, when it was described: the popup it opened may hide it by now.
    if (pending.target) ctx.emit({ type: 'click', t: pending.at, target: pending.target, button: 'left', ...KEYBOARD });
  };

  const choose = (found: FoundChoice, el: Element, key: 'Enter' | ' ', opener: Element | null): void => {
    const draft = describeChoice(ctx, found, KEYBOARD, opener);
    g.key = { el, key, at: ctx.now(), target: null, timer: null, done: true };
    ctx.emit(draft);
  };

  const onActivationKey = (el: Element, key: 'Enter' | ' '): boolean => {
    const opener = liveOpener(g.opener, ctx.now());
    if (key === ' ' && isTextField(el)) return true; // typing a space
    const listed = activeDescendant(el);
    if (listed) {
      choose(listed, el, key, el);
      return true;
    }
    if (isTextField(el)) {
      if (key === ' ' || isMultiLine(el)) return true;
      g.fieldEnterAt = ctx.now();
      return false; // a `key` Enter
    }
    const found = findChoice(el, opener);
    if (found) {
      choose(found, el, key, opener);
      return true;
    }
    if (el.localName === 'body' || el.localName === 'html' || !isInteractive(el)) return key === ' ';
    if (isCheckControl(el)) return true; // the check listener records it
    if (g.key && !g.key.done) finishActivation();
    const timer = ctx.timers.setTimeout(
      () => {
        try {
          finishActivation();
        } catch (err) {
          ctx.report(err);
        }
      },
      key === 'Enter' ? 0 : SPACE_KEYUP_MS,
    );
    g.key = { el, key, at: ctx.now(), target: describeTarget(ctx, el), timer, done: false };
    notePress(ctx, el);
    return true;
  };

  const watchTypeAhead = (el: Element): void => {
    const before = visibleText(el);
    if (typeAheadTimer !== null) ctx.timers.clearTimeout(typeAheadTimer);
    typeAheadTimer = ctx.timers.setTimeout(() => {
      typeAheadTimer = null;
      try {
        const after = visibleText(el);
        if (!after || after === before || !el.isConnected) return;
        const control = describeTarget(ctx, el);
        const label = clampText(ctx.privacy.expose(after, ctx.privacy.exposure(el)));
        ctx.emit({ type: 'select', target: control, control, value: { kind: 'label', label }, ...KEYBOARD });
      } catch (err) {
        ctx.report(err);
      }
    }, TYPE_AHEAD_MS);
  };

  const onKeyDown = (event: Event): void => {
    const e = event as KeyboardEvent;
    if (e.repeat || e.isComposing) return;
    const el = eventOrigin(event);
    if ((e.key === 'Enter' || e.key === ' ') && !e.ctrlKey && !e.metaKey && !e.altKey && el) {
      if (onActivationKey(el, e.key)) return;
    } else if (el && [...e.key].length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && takesTypeAhead(el)) {
      watchTypeAhead(el);
      return;
    }
    const key = keyName(e);
    if (key === null) return;
    const target = el && el.localName !== 'body' && el.localName !== 'html' ? describeTarget(ctx, el) : null;
    ctx.emit({ type: 'key', target, key });
  };

  const onKeyUp = (event: Event): void => {
    const pending = g.key;
    if (!pending || pending.done || pending.key !== ' ' || (event as KeyboardEvent).key !== ' ') return;
    ctx.timers.clearTimeout(pending.timer);
    // The browser's click for Space comes with this keyup; after it, the gesture is over.
    pending.timer = ctx.timers.setTimeout(() => {
      try {
        finishActivation();
      } catch (err) {
        ctx.report(err);
      }
    }, 0);
  };

  const teardowns = [ctx.listen(ctx.doc, 'keydown', onKeyDown), ctx.listen(ctx.doc, 'keyup', onKeyUp)];
  return () => {
    for (const off of teardowns) off();
    if (typeAheadTimer !== null) ctx.timers.clearTimeout(typeAheadTimer);
    if (g.key) ctx.timers.clearTimeout(g.key.timer);
  };
}
