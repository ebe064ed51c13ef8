import { isElement } from '../dom';

/**
 * What counts as "the thing clicked": the nearest of these on the event path.
 * tabindex="-1" is left out because page-level wrappers (dialogs, main) use it
 * and would swallow clicks on plain text; contenteditable="false" is not editable.
 */
export const INTERACTIVE_SELECTOR = [
  'button',
  'a[href]',
  'area[href]',
  'input:not([type="hidden"])',
  'select',
  'textarea',
  'summary',
  'label',
  'option',
  ...[
    'button',
    'link',
    'menuitem',
    'menuitemcheckbox',
    'menuitemradio',
    'option',
    'tab',
    'checkbox',
    'radio',
    'switch',
    'combobox',
    'textbox',
    'treeitem',
    'gridcell',
    'row',
  ].map((role) => `[role~="${role}"]`),
  '[contenteditable]:not([contenteditable="false"])',
  '[tabindex]:not([tabindex^="-"])',
].join(', ');

export interface ResolvedTarget {
  /** The interactive element the action is about (or the hit element when none). */
  target: Element;
  /** The element actually under the pointer (text nodes become their parent). */
  hit: Element;
}

export function isInteractive(el: Element): boolean {
  try {
    return el.matches(INTERACTIVE_SELECTOR);
  } catch {
    return false;
  }
}

/** The event's elements, innermost first; composedPath() crosses open shadow roots. */
function pathElements(event: Event): Element[] {
  const path = event.composedPath();
  if (path.length > 0) return path.filter(isElement);
  // Outside dispatch the path is empty: climb from the target instead.
  const out: Element[] = [];
  let node = event.target as Node | null;
  if (node && !isElement(node)) node = node.parentElement;
  for (let el = node as Element | null; el; el = el.parentElement) out.push(el);
  return out;
}

/** A control a click beside it means: the one input of a small widget (a placeholder or value box lying next to it). */
const WIDGET_CONTROLS = 'input:not([type="hidden" i]), select, textarea, [role="combobox"], [role="textbox"], [role="searchbox"]';
const WIDGET_LEVELS = 3;
const WIDGET_STOP = new Set(['form', 'fieldset', 'main', 'section', 'article', 'nav', 'td', 'th', 'li', 'dialog', 'table', 'ul', 'ol']);
const MAX_WIDGET_TEXT = 80;

function widgetControl(hit: Element): Element | null {
  // The page itself is no widget: from <body> the climb would query the whole document.
  if (hit.localName === 'body' || hit.localName === 'html') return null;
  let a: Element | null = hit.parentElement;
  for (let level = 0; a && level < WIDGET_LEVELS; level++, a = a.parentElement) {
    if (WIDGET_STOP.has(a.localName) || a.localName === 'body' || a.localName === 'html' || a.hasAttribute('role')) return null;
    const controls = a.querySelectorAll(WIDGET_CONTROLS);
    if (controls.length > 1) return null;
    if (controls.length === 1) return (a.textContent ?? '').length <= MAX_WIDGET_TEXT ? controls[0]! : null;
  }
  return null;
}

/** resolveTarget for an element remembered from an earlier event (the pressed one). */
export function resolveFrom(hit: Element): ResolvedTarget | null {
  for (let el: Element | null = hit; el; el = el.parentElement) {
    if (el.localName === 'body' || el.localName === 'html') break;
    if (isInteractive(el)) return { target: el, hit };
  }
  return { target: widgetControl(hit) ?? hit, hit };
}

/**
 * Climbs from what was hit to the nearest interactive element, so a click on an
 * icon inside a button targets the button and keeps the icon as `hit`. Stops at
 * <body>; if nothing interactive is found, the one input of the small widget
 * the hit lies in (a select's placeholder beside its combobox input), else the
 * hit element itself, is the target.
 */
export function resolveTarget(event: Event): ResolvedTarget | null {
  const elements = pathElements(event);
  const hit = elements[0];
  if (!hit) return null;
  for (const el of elements) {
    if (el.localName === 'body' || el.localName === 'html') break;
    if (isInteractive(el)) return { target: el, hit };
  }
  return { target: widgetControl(hit) ?? hit, hit };
}
