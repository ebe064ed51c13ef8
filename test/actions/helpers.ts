import { expect, vi } from 'vitest';
import { actionSchema, type Action } from '../../lib/schema/action';
import { startActionCapture, type ActionCaptureOptions } from '../../lib/actions/start-action-capture';

export interface Harness {
  actions: Action[];
  errors: unknown[];
  stop: () => void;
  /** Actions other than the initial navigate 'load'. */
  after(): Action[];
  ids: WeakMap<Node, number>;
  stats: { readonly untrustedEvents: number };
}

const running: Harness[] = [];
/** Events a test dispatches stand for the person's input unless marked as a page script's (untrusted). */
const scripted = new WeakSet<Event>();

/** Marks an event as dispatched by a page script (isTrusted false in a browser). */
export function untrusted<E extends Event>(event: E): E {
  scripted.add(event);
  return event;
}
/** Schema failures of any emitted action; checked in cleanup() so no test can miss one. */
const invalid: unknown[] = [];

/** The page under test is an SPA: it handles submit itself (happy-dom would navigate). */
const preventSubmit = (event: Event): void => event.preventDefault();

/** Stops every harness, restores real timers, and fails on invalid actions or reported errors; use in afterEach. */
export function cleanup(): void {
  const harnesses = running.splice(0);
  for (const h of harnesses) h.stop();
  window.removeEventListener('submit', preventSubmit);
  vi.useRealTimers();
  document.body.innerHTML = '';
  expect(invalid.splice(0), 'every action must parse with actionSchema').toEqual([]);
  expect(
    harnesses.flatMap((h) => h.errors),
    'no handler may fail (onError)',
  ).toEqual([]);
}

/**
 * Mounts `html` into the happy-dom body and starts capture with fake timers,
 * a counting clock, and a nodeId from a WeakMap. Every emitted action is
 * checked against actionSchema (failures fail the test in cleanup()).
 */
export function capture(html: string, overrides: Partial<ActionCaptureOptions> = {}): Harness {
  vi.useFakeTimers();
  document.body.innerHTML = html;
  window.addEventListener('submit', preventSubmit);
  const actions: Action[] = [];
  const errors: unknown[] = [];
  const ids = new WeakMap<Node, number>();
  let nextId = 1;
  let clock = 1_700_000_000_000;
  const capture = startActionCapture({
    isTrusted: (event) => !scripted.has(event),
    doc: document,
    win: window,
    emit: (action) => {
      const parsed = actionSchema.safeParse(action);
      if (!parsed.success) invalid.push({ action, issues: parsed.error.issues });
      actions.push(action);
    },
    nodeId: (node) => {
      if (!ids.has(node)) ids.set(node, nextId++);
      return ids.get(node)!;
    },
    now: () => clock++,
    onError: (err) => errors.push(err),
    timers: {
      setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
      clearTimeout: (id) => globalThis.clearTimeout(id as ReturnType<typeof setTimeout>),
    },
    ...overrides,
  });
  const stop = () => capture.stop();
  const harness = { actions, errors, stop, stats: capture.stats, ids, after: () => actions.filter((a) => a.navigation !== 'load') };
  running.push(harness);
  return harness;
}

export function $<T extends Element = HTMLElement>(selector: string, root: ParentNode = document): T {
  const el = root.querySelector<T>(selector);
  if (!el) throw new Error(`fixture has no ${selector}`);
  return el;
}

const mouse = (type: string, init: MouseEventInit = {}) =>
  new MouseEvent(type, { bubbles: true, cancelable: true, composed: true, ...init });

export function click(el: Element, init: MouseEventInit = {}): void {
  el.dispatchEvent(mouse('click', { button: 0, detail: 1, ...init }));
}

export function dblclick(el: Element): void {
  click(el, { detail: 1 });
  click(el, { detail: 2 });
  el.dispatchEvent(mouse('dblclick', { button: 0, detail: 2 }));
}

export function contextmenu(el: Element): void {
  el.dispatchEvent(mouse('contextmenu', { button: 2 }));
}

export function auxclick(el: Element, button: number): void {
  el.dispatchEvent(mouse('auxclick', { button }));
}

export function key(el: Element, keyName: string, init: KeyboardEventInit = {}): void {
  el.dispatchEvent(new KeyboardEvent('keydown', { key: keyName, bubbles: true, cancelable: true, composed: true, ...init }));
}

/** Types `text` one character per input event, as a browser would. */
export function typeInto(el: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  el.focus();
  for (const ch of text) {
    el.value += ch;
    el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: ch, inputType: 'insertText' }));
  }
}

export function blur(el: Element): void {
  el.dispatchEvent(new FocusEvent('focusout', { bubbles: true, composed: true }));
}

export function change(el: Element): void {
  el.dispatchEvent(new Event('change', { bubbles: true }));
}

export const SIGN_IN = `
  <main>
    <form aria-label="Sign in" id="signin">
      <label for="email">Email</label>
      <input id="email" name="email" type="email" placeholder="you@example.com">
      <label for="password">Password</label>
      <input id="password" name="password" type="password">
      <button type="submit">Sign in</button>
    </form>
  </main>`;

export const TABLE = `
  <table aria-label="People">
    <tbody>
      <tr><td>Ada</td><td><button>Edit</button></td></tr>
      <tr><td>Grace</td><td><button>Edit</button></td></tr>
      <tr><td>Linus</td><td><button>Edit</button></td></tr>
    </tbody>
  </table>`;
