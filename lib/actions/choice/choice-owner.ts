import { isInteractive } from '../target/resolve-target';
import { roleOf } from '../target/element-kinds';
import { controlledBy, opensSubmenu } from './find-choice';

function cssAttr(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/** Elements naming `id` in aria-controls or aria-owns (one native query, only for choices). */
function pointingAt(root: Document | ShadowRoot, id: string, except: Element): Element | null {
  try {
    for (const el of root.querySelectorAll(`[aria-controls~=${cssAttr(id)}], [aria-owns~=${cssAttr(id)}]`)) {
      if (!except.contains(el)) return el;
    }
  } catch {
    // an id no selector can hold: no relation by id
  }
  return null;
}

/**
 * The control that owns a choice's popup, as a person would name it: the
 * opener if its relations (aria-controls, aria-owns, aria-activedescendant)
 * lead to the item; else whatever points at the popup by id; else the
 * interactive element the popup is labelled by; else the control that opened a
 * popup last. A submenu's owner is the item that opened it.
 */
export function choiceOwner(item: Element, popup: Element | null, opener: Element | null): Element | null {
  if (opener && !popup?.contains(opener)) {
    if (opener.getAttribute('aria-activedescendant') === item.id && item.id) return opener;
    if (controlledBy(opener).some((c) => c.contains(item) || (popup !== null && c.contains(popup)))) return opener;
  }
  const root = item.getRootNode() as Document | ShadowRoot;
  for (let a: Element | null = item.parentElement; a && popup && (a === popup || popup.contains(a)); a = a.parentElement) {
    if (!a.id) continue;
    const owner = pointingAt(root, a.id, a);
    if (owner && !opensSubmenuSibling(owner, item)) return owner;
  }
  const labelledBy = popup?.getAttribute('aria-labelledby');
  if (labelledBy && typeof root.getElementById === 'function') {
    const label = root.getElementById(labelledBy.trim().split(/\s+/)[0]!);
    if (label && isInteractive(label) && !popup?.contains(label)) return label;
  }
  if (opener && opener !== item && !opener.contains(item) && !(popup && popup.contains(opener))) return opener;
  return null;
}

/** An owner found by id that is a sibling item of the same column (cascaders point items at the next column). */
function opensSubmenuSibling(owner: Element, item: Element): boolean {
  return owner.parentElement === item.parentElement;
}

const ITEM_ROLES = new Set(['menuitem', 'menuitemcheckbox', 'menuitemradio', 'treeitem', 'option']);

/** Whether an owner is itself an item of an enclosing menu (the popup was a submenu), not the control. */
export function isSubmenuOwner(owner: Element): boolean {
  return (
    ITEM_ROLES.has(roleOf(owner) ?? '') && opensSubmenu(owner) && owner.closest('[role="menu"], [role="menubar"], [role="tree"]') !== null
  );
}
