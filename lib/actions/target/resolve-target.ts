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
    'button', 'link', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'option', 'tab', 'checkbox', 'radio',
    'switch', 'combobox', 'textbox', 'treeitem', 'gridcell', 'row',
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

function isInteractive(el: Element): boolean {
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

/**
 * Climbs from what was hit to the nearest interactive element, so a click on an
 * icon inside a button targets the button and keeps the icon as `hit`. Stops at
 * <body>; if nothing interactive is found the hit element itself is the target.
 */
export function resolveTarget(event: Event): ResolvedTarget | null {
  const elements = pathElements(event);
  const hit = elements[0];
  if (!hit) return null;
  for (const el of elements) {
    if (el.localName === 'body' || el.localName === 'html') break;
    if (isInteractive(el)) return { target: el, hit };
  }
  return { target: hit, hit };
}
