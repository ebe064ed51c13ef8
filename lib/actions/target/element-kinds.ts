import { getRole } from 'dom-accessibility-api';

/** Input types whose value is typed text (merged into `type` actions, never recorded). */
const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number']);
/** Roles toggled by a click whose state is aria-checked (recorded as `check`). */
const ARIA_CHECK_ROLES = new Set(['checkbox', 'switch', 'radio', 'menuitemcheckbox']);
/** Roles whose activation inside a popup is a choice (recorded as `select`). */
const OPTION_ROLES = new Set(['option', 'menuitem', 'menuitemradio']);
/** Containers that make an option/menuitem a choice rather than a plain button (menubar items open menus). */
const POPUP_CONTAINERS = '[role~="listbox"], [role~="menu"], [role~="combobox"]';
/** Roles whose "value" is text the person typed: their name must never come from content. */
const TEXT_ENTRY_ROLES = new Set(['textbox', 'searchbox', 'combobox', 'spinbutton']);

/** Role via dom-accessibility-api (explicit first, then implicit); null on failure. */
export function roleOf(el: Element): string | null {
  try {
    const role = getRole(el);
    // A cell of a table with role grid (or treegrid) is a gridcell, as browsers and Playwright say.
    if (role === 'cell' && el.localName === 'td' && !el.hasAttribute('role')) {
      const table = el.closest('table');
      const tableRole = table?.getAttribute('role');
      if (tableRole === 'grid' || tableRole === 'treegrid') return 'gridcell';
    }
    return role;
  } catch {
    return null;
  }
}

export function isInput(el: Element): el is HTMLInputElement {
  return el.localName === 'input';
}

export function isTextField(el: Element): boolean {
  if (isInput(el)) return TEXT_INPUT_TYPES.has(el.type);
  return el.localName === 'textarea' || (el as HTMLElement).isContentEditable === true;
}

/** Elements whose value or content is typed text (name must come from labels only). */
export function isTextEntry(el: Element): boolean {
  if (isTextField(el)) return true;
  const role = el.getAttribute('role')?.trim().split(/\s+/)[0];
  return role !== undefined && TEXT_ENTRY_ROLES.has(role) && el.localName !== 'select';
}

/** The contenteditable host an input event belongs to (the outermost editable ancestor). */
export function editingHost(el: Element): Element {
  let host = el;
  while (host.parentElement && (host.parentElement as HTMLElement).isContentEditable) host = host.parentElement;
  return host;
}

export function isNativeCheckable(el: Element): el is HTMLInputElement {
  return isInput(el) && (el.type === 'checkbox' || el.type === 'radio');
}

/** The control a <label> activates, if any. */
export function labelControl(el: Element): Element | null {
  if (el.localName !== 'label') return null;
  return (el as HTMLLabelElement).control ?? null;
}

export function isAriaCheckable(el: Element): boolean {
  if (isInput(el)) return false;
  const role = roleOf(el);
  return role !== null && ARIA_CHECK_ROLES.has(role);
}

/** Anything whose click becomes a `check` action instead of a `click`. */
export function isCheckControl(el: Element): boolean {
  if (isNativeCheckable(el) || isAriaCheckable(el)) return true;
  const control = labelControl(el);
  return control !== null && isNativeCheckable(control);
}

/** A native <option> in a <select>: the select's `change` records the choice. */
export function isNativeOption(el: Element): boolean {
  return el.localName === 'option';
}

/** An ARIA option/menuitem inside a listbox/menu/combobox popup (not one that opens a submenu). */
export function isPopupOption(el: Element): boolean {
  if (isNativeOption(el)) return false;
  const role = roleOf(el);
  if (role === null || !OPTION_ROLES.has(role)) return false;
  if (role !== 'option' && el.hasAttribute('aria-haspopup') && el.getAttribute('aria-haspopup') !== 'false') return false;
  return el.parentElement?.closest(POPUP_CONTAINERS) != null;
}
