import { isElement, parentOrHost } from '../dom';
import type { Opener } from '../gesture/gesture-state';
import { roleOf } from '../target/element-kinds';

/** Roles whose activation inside a popup is a choice. */
const ITEM_ROLES = new Set(['option', 'menuitem', 'menuitemradio', 'treeitem', 'gridcell']);
/** Containers that make an item a choice rather than a plain button (menubar items open menus). */
const POPUP_ROLES = new Set(['listbox', 'menu', 'tree', 'grid', 'combobox', 'dialog']);
/** Native controls are never role-less options: a <button title="Close"> in a popup is a button. */
const NATIVE_CONTROLS = new Set(['button', 'a', 'input', 'select', 'textarea', 'label', 'summary']);
/** Role-less item tags (list items, table cells, generic boxes). */
const ITEM_TAGS = new Set(['li', 'td', 'div', 'span', 'dd']);
/** How long after the opener's activation its popup still counts as "just opened". */
export const OPENER_TTL_MS = 120_000;
const MAX_CLIMB = 12;

export interface FoundChoice {
  /** The option-like element chosen. */
  item: Element;
  /** The popup it was chosen in (role container, aria-controlled element, or portal layer). */
  popup: Element | null;
}

/** The child of <body> (or the top element of a shadow-free tree) an element sits under. */
export function layerOf(el: Element): Element | null {
  let top: Element = el;
  for (let a = parentOrHost(el); a && a.localName !== 'body' && a.localName !== 'html'; a = parentOrHost(a)) top = a;
  return top.localName === 'body' || top.localName === 'html' ? null : top;
}

function byIdIn(el: Element, ids: string | null): Element[] {
  if (!ids) return [];
  const root = el.getRootNode() as Document | ShadowRoot;
  if (typeof root.getElementById !== 'function') return [];
  return ids
    .trim()
    .split(/\s+/)
    .flatMap((id) => {
      const found = root.getElementById(id);
      return found ? [found] : [];
    });
}

/** Elements the opener says it controls (aria-controls, aria-owns). */
export function controlledBy(opener: Element): Element[] {
  return [...byIdIn(opener, opener.getAttribute('aria-controls')), ...byIdIn(opener, opener.getAttribute('aria-owns'))];
}

/** An opener whose popup may still be open: connected and activated recently. */
export function liveOpener(opener: Opener | null, now: number): Element | null {
  if (!opener || !opener.el.isConnected || now - opener.at > OPENER_TTL_MS) return null;
  return opener.el;
}

/** The popup that holds `el`, as the opener's relations or layering tell (null: not in its popup). */
function openerPopup(el: Element, opener: Element | null): Element | null {
  if (!opener || opener === el || opener.contains(el)) return null;
  for (const controlled of controlledBy(opener)) {
    if (controlled.contains(el)) return controlled;
    // A library may point aria-controls at an accessibility-only list beside the visible one.
    const layer = layerOf(controlled);
    if (layer && layer.contains(el) && !layer.contains(opener)) return layer;
  }
  const layer = layerOf(el);
  // A layer of its own (a portal) opened from a control in another layer.
  if (layer && layerOf(opener) !== layer) return layer;
  return null;
}

function isOptionLikeWithoutRole(el: Element): boolean {
  if (NATIVE_CONTROLS.has(el.localName) || !ITEM_TAGS.has(el.localName)) return false;
  if (el.getAttribute('role')) return false;
  return el.hasAttribute('aria-selected') || el.hasAttribute('title');
}

function roleItem(el: Element): string | null {
  const role = roleOf(el);
  if (role === null || (!ITEM_ROLES.has(role) && role !== 'menuitemcheckbox')) return null;
  return role;
}

/** The nearest ancestor with a popup role, within a few levels. */
function popupContainer(el: Element): Element | null {
  let depth = 0;
  for (let a = parentOrHost(el); a && depth < 40; a = parentOrHost(a), depth++) {
    if (a.localName === 'body') return null;
    const role = a.hasAttribute('role') || a.localName === 'table' ? roleOf(a) : null;
    if (role !== null && POPUP_ROLES.has(role)) return a;
  }
  return null;
}

/**
 * Whether `start` (what was pressed, or the focused element) is a choice in a
 * popup, and which element is the option. Recognised: an option/menuitem/
 * treeitem/gridcell in a listbox, menu, tree, grid or dialog; a menuitem that
 * opens a submenu is not a choice (its click is). Without roles, an element
 * with aria-selected or a title inside the popup the last opener opened.
 */
export function findChoice(start: Element, opener: Element | null): FoundChoice | null {
  let el: Element | null = start;
  for (let depth = 0; el && depth < MAX_CLIMB; el = parentOrHost(el), depth++) {
    if (!isElement(el) || el.localName === 'body' || el.localName === 'html') return null;
    const role = roleItem(el);
    if (role !== null) {
      if (opensSubmenu(el)) return null;
      const popup = popupContainer(el) ?? openerPopup(el, opener);
      if (popup === null) return null;
      if (role === 'gridcell' && !isDateCell(el)) return null;
      if (role === 'menuitemcheckbox' && !(opener && roleOf(opener) === 'combobox')) return null;
      return { item: el, popup };
    }
    if (isOptionLikeWithoutRole(el)) {
      const popup = openerPopup(el, opener);
      if (popup !== null) return { item: el, popup };
    }
    if (NATIVE_CONTROLS.has(el.localName)) return null;
  }
  return null;
}

/** An item that opens a further level (submenu, cascader column) rather than choosing. */
export function opensSubmenu(el: Element): boolean {
  const popup = el.getAttribute('aria-haspopup');
  if (popup && popup !== 'false' && roleOf(el) !== 'option') return true;
  if (el.hasAttribute('aria-expanded') && roleOf(el) === 'treeitem') return true;
  // Cascader items without aria-haspopup show an expand arrow instead.
  return (
    /(?:^|[\s_-])(?:expand|has-children|haschildren)(?:$|\s)/.test(el.getAttribute('class') ?? '') && !el.matches('[aria-selected="true"]')
  );
}

/** A calendar day: a cell whose text is a day of the month. */
export function isDateCell(el: Element): boolean {
  return /^\s*\d{1,2}\s*$/.test(el.textContent ?? '');
}
